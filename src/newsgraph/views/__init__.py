"""Stage C: read-only views over the store (export, HTML dossier; the web UI comes later)."""
