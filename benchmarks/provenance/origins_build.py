"""Build `origins.jsonl`: the same-origin development set (see `ORIGINS.md` beside this file).

    .venv/bin/python benchmarks/provenance/origins_build.py [../shared/bench/extraction/ground-truth.json]

Originals are real article bodies of the extraction benchmark (MIT licence, the pages belong
to their publishers). Copies cut short and trimmed copies are cut from them by the two
functions below (whole paragraphs, a fixed rule per page). Every retelling and every hard
negative is written by hand in this file: other outlets' accounts of one original in their
own words, and reports of other events on the same topic. Outlet names of the written pages
are invented. The output holds every text, so the set is scored without ../shared.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_TRUTH = HERE.parents[1] / ".." / "shared" / "bench" / "extraction" / "ground-truth.json"


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def cut_short(text: str) -> str:
    """The first half of the page's paragraphs: an aggregator's or a feed's truncated copy."""
    paras = paragraphs(text)
    return "\n\n".join(paras[: max(2, (len(paras) + 1) // 2)])


def trimmed(text: str, lead: str) -> str:
    """A trimmed copy: a new first line, every third paragraph after the first dropped, the
    last two dropped (what another site keeps of a wire story)."""
    paras = paragraphs(text)
    kept = [p for i, p in enumerate(paras[:-2]) if i == 0 or i % 3 != 2]
    return "\n\n".join([lead, *kept])


def scraped_cut(scrape: str, body: str) -> str:
    """A copy cut short in page form: the page's whole visible text (navigation, teasers,
    footer) with the second half of its article paragraphs left out, as a feed or aggregator
    page that shows the start of an article inside its own chrome."""
    paras = paragraphs(body)
    dropped = set(paras[max(2, (len(paras) + 1) // 2) :])
    return "\n".join(line for line in scrape.splitlines() if line.strip() not in dropped)


# Copies cut short in page form: (id, of, outlet, published); the text is the scrape of the
# original page (../shared/bench/extraction/text) with the second half of the article dropped.
SCRAPED = [
    ("crash-scraped", "7916ecca969f", "world-headlines-aggregator.com", "2019-11-20"),
    ("spurs-scraped", "921019755f4a", "sport-feeds.net", "2019-11-20"),
    ("hd-scraped", "f8ff621a0b9b", "stocks-wire-reader.com", "2019-11-19"),
]

# Originals: extraction id prefix -> (topic, outlet, published, title).
ORIGINALS = {
    "7916ecca969f": ("afghanistan", "aljazeera.com", "2019-11-20",
                     "Two US service members killed in Afghanistan helicopter crash"),
    "a1fca19b884e": ("afghanistan", "nypost.com", "2019-11-19",
                     "Taliban free American and Australian hostages in prisoner swap"),
    "5f9c5ed5d64d": ("deportations", "indiapost.com", "2019-11-20",
                     "With shattered dreams, deportees return home from US"),
    "ea25dd7edff4": ("plague", "smithsonianmag.com", "2019-11-19",
                     "Three cases of plague diagnosed in China"),
    "9ebb3af65694": ("car-sales", "chron.com", "2019-11-19",
                     "New car sales plunge 10 percent in October"),
    "d0382c0d9573": ("power-shutoffs", "AP", "2019-11-20",
                     "PG&E begins new mass power shutoff over fire danger"),
    "e7994d550087": ("uk-election", "AP", "2019-11-20",
                     "UK Tories under fire for Twitter name switch during debate"),
    "c7e39ac49fa1": ("assange", "bbc.com", "2019-11-19",
                     "Julian Assange: Swedish prosecutors drop rape investigation"),
    "51d066b0602c": ("kidnapping", "nbcdfw.com", "2019-11-18",
                     "'We Got Her!' Video shows dramatic rescue of kidnapped Fort Worth girl"),
    "f8ff621a0b9b": ("retail-earnings", "barrons.com", "2019-11-19",
                     "Home Depot stock drops after it cuts its sales forecast"),
    "921019755f4a": ("football", "news.sky.com", "2019-11-20",
                     "Jose Mourinho agrees deal to replace Mauricio Pochettino at Tottenham"),
    "833caf3bdba5": ("settlements", "albawaba.com", "2019-11-19",
                     "World community lashes out at US over Israeli settlements decision"),
    # real coverage: two outlets' accounts of one release, labelled as one origin
    "6ebac05f637e": ("threats", "thehill.com", "2019-11-18",
                     "New York man pleads guilty to threatening to kill Omar"),
    "7a457a4f7173": ("threats", "nbcnews.com", "2019-11-18",
                     "New York man pleads guilty to threatening to kill Rep. Ilhan Omar"),
    "9cb8224b660f": ("music-tours", "billboard.com", "2019-11-19",
                     "The Doobie Brothers reunite for 50th anniversary tour"),
    "ac1bfdd4c510": ("music-tours", "rollingstone.com", "2019-11-19",
                     "Doobie Brothers, Michael McDonald plot 50th anniversary tour"),
}  # fmt: skip
# Real pages that are one origin: the second page -> the first page's origin.
REAL_SAME_ORIGIN = {"7a457a4f7173": "6ebac05f637e", "ac1bfdd4c510": "9cb8224b660f"}

# Derived copies: (id, kind, of, outlet, published, lead line for a trimmed copy).
COPIES = [
    ("crash-cut", "cut", "7916ecca969f", "newsfeed-hub.net", "2019-11-20", ""),
    ("deport-cut", "cut", "5f9c5ed5d64d", "punjab-daily-digest.in", "2019-11-21", ""),
    ("cars-trim", "trimmed", "9ebb3af65694", "gulfcoast-business.com", "2019-11-20",
     "Car buyers in the Houston area are holding back, new data show."),
    ("pge-cut", "cut", "d0382c0d9573", "valley-morning-post.com", "2019-11-20", ""),
    ("pge-trim", "trimmed", "d0382c0d9573", "sierra-foothill-news.com", "2019-11-20",
     "Power will be cut again in parts of Northern California this week."),
    ("hostage-trim", "trimmed", "a1fca19b884e", "canberra-evening.com.au", "2019-11-20",
     "Australian academic Timothy Weeks is free after more than three years in captivity."),
    ("hd-trim", "trimmed", "f8ff621a0b9b", "marketpulse-daily.com", "2019-11-19",
     "Home Depot shares slipped on Tuesday."),
    ("spurs-cut", "cut", "921019755f4a", "footballnewsnow.co.uk", "2019-11-20", ""),
    ("assange-cut", "cut", "c7e39ac49fa1", "worldbrief.net", "2019-11-19", ""),
]  # fmt: skip

# Hand-written pages. `of`: the page whose origin group the page joins (None: its own origin).
# kind: rereport (a retelling of `of`), negative (another event on the topic, its own origin).
WRITTEN: list[dict[str, str | None]] = [
    # -- afghanistan: the crash ---------------------------------------------------------------
    dict(
        id="crash-rr1",
        kind="rereport",
        of="7916ecca969f",
        topic="afghanistan",
        outlet="frontier-times.com",
        published="2019-11-20",
        title="US says two troops die in Afghan helicopter crash, Taliban claim downing",
        note="retelling: the statement's quote, the Taliban spokesman's quote, 13,000 troops",
        text="""Two American service members died when their helicopter went down in Afghanistan, the US military announced on Wednesday, while the Taliban insisted they had brought the aircraft down.

In its statement the military said "preliminary reports do not indicate it was caused by enemy fire" and that the cause remained under investigation. It gave no location and kept back the names of the dead until their families had been informed.

Taliban spokesman Zabihullah Mujahid wrote on Twitter that a Chinook had been downed in Logar province, south of Kabul. "The Americans wanted to raid a mujahideen base, but their helicopter was shot down and caught fire. All on board were killed," he said. The claim could not be verified.

About 13,000 US troops are still deployed in the country. The crash follows by one day the exchange of two Western hostages for three Taliban commanders.""",
    ),
    dict(
        id="crash-rr2",
        kind="rereport",
        of="7916ecca969f",
        topic="afghanistan",
        outlet="capital-wire-digest.com",
        published="2019-11-21",
        title="Helicopter crash kills two Americans; insurgents say they shot it down",
        note="retelling naming Al Jazeera as its source; one shared quote",
        text="""Washington has confirmed the deaths of two of its soldiers in a helicopter crash in eastern Afghanistan, Al Jazeera reported, as the Taliban claimed to have shot the aircraft down during a raid in Logar.

The US military's statement played down that version, saying "preliminary reports do not indicate it was caused by enemy fire." The Afghan government also ruled out any Taliban role.

Zabihullah Mujahid, who speaks for the insurgents, said the helicopter caught fire after it was hit and that everyone aboard died.

Some 13,000 American troops remain in Afghanistan eighteen years after the invasion. General Mark Milley told US media this month that they were likely to stay "for several more years". The United Nations says more than 2,500 Afghan civilians have been killed this year.""",
    ),
    dict(
        id="crash-named",
        kind="negative",
        of=None,
        topic="afghanistan",
        outlet="frontier-times.com",
        published="2019-11-23",
        title="Pentagon names two soldiers killed in Logar crash",
        note="follow-up: new figures (names, ages, unit), the same crash three days later",
        text="""The Pentagon on Friday identified the two soldiers who died in Wednesday's helicopter crash in Logar province as Chief Warrant Officer David Knadle, 33, of Texas, and Chief Warrant Officer Kirk Fuchigami Jr., 25, of Hawaii.

Both were assigned to the 1st Cavalry Division at Fort Hood, the Defense Department said in a release. Their AH-64 Apache went down while providing security for ground forces, a defence official said, correcting earlier accounts that described the aircraft as a transport helicopter.

"These two soldiers were the best of us, and their loss is felt across the division," said Maj. Gen. Paul Calvert, the division's commander.

The deaths bring to 19 the number of US service members killed in Afghanistan this year, the highest annual toll since 2014. An investigation into the cause of the crash is continuing, the military said.""",
    ),
    dict(
        id="crash-december",
        kind="negative",
        of=None,
        topic="afghanistan",
        outlet="capital-wire-digest.com",
        published="2019-12-23",
        title="US soldier killed in Kunduz attack, military says",
        note="same speaker, a different event five weeks later; the stock 'under investigation'",
        text="""An American soldier was killed in combat in northern Afghanistan on Monday, the US military said in a statement, the 20th US service member to die in the country this year.

The statement said the soldier died in Kunduz province and that the name was being withheld until next of kin could be told. "The incident is under investigation," it said, giving no further detail.

The Taliban said their fighters had detonated a roadside bomb beside a US and Afghan convoy in Char Dara district. A spokesman for the provincial governor said two Afghan soldiers were also wounded.

The attack comes as US envoy Zalmay Khalilzad resumes talks with the Taliban in Doha, which President Donald Trump halted in September after a bombing in Kabul killed an American soldier.""",
    ),
    # -- afghanistan: the hostages ------------------------------------------------------------
    dict(
        id="hostage-rr1",
        kind="rereport",
        of="a1fca19b884e",
        topic="afghanistan",
        outlet="pacific-herald.com.au",
        published="2019-11-19",
        title="Timothy Weeks and Kevin King freed in Taliban prisoner exchange",
        note="retelling: Morrison's and Grisham's quotes, 'told Agence France-Presse'",
        text="""Australian lecturer Timothy Weeks and his American colleague Kevin King are free after three years in Taliban hands, released in exchange for three senior militants held by Kabul.

The two teachers at the American University of Kabul were handed to US forces in Zabul province, an insurgent source told Agence France-Presse. They had been seized by gunmen in army uniforms in the capital in August 2016.

Prime Minister Scott Morrison said: "We are profoundly pleased and relieved." In Washington, press secretary Stephanie Grisham said: "We pray for the full recovery of both men."

Among the prisoners freed to Qatar was Anas Haqqani, brother of the Taliban's deputy leader Sirajuddin Haqqani. Both sides said they hoped the swap would help bring the Taliban to talks with the Afghan government.""",
    ),
    dict(
        id="hostage-rr2",
        kind="rereport",
        of="a1fca19b884e",
        topic="afghanistan",
        outlet="capital-wire-digest.com",
        published="2019-11-20",
        title="Pompeo hails hostage release as sign Afghan war may end",
        note="retelling led by Pompeo's quote, same figures (2016, three prisoners)",
        text="""Secretary of State Mike Pompeo said the freeing of two university teachers held by the Taliban since 2016 was a hopeful sign, after the insurgents released an American and an Australian in return for three of their commanders.

"We see these developments as hopeful signs that the Afghan war, a terrible and costly conflict that has lasted 40 years, may soon conclude through a political settlement," Pompeo said in a statement.

Kevin King and Timothy Weeks were flown out on American helicopters, according to a local police source. The three Taliban prisoners, among them Anas Haqqani, had been sent to Doha, where the movement keeps a political office.

White House spokeswoman Stephanie Grisham thanked the Afghan government "in the spirit of our partnership that enabled the freeing of the hostages.\"""",
    ),
    dict(
        id="hostage-ghani",
        kind="negative",
        of=None,
        topic="afghanistan",
        outlet="pacific-herald.com.au",
        published="2019-11-12",
        title="Ghani says Afghanistan will free three Taliban leaders",
        note="same speakers and matter a week earlier: the announcement, not the release",
        text="""Afghan President Ashraf Ghani said on Tuesday his government would release three senior Taliban prisoners, including Anas Haqqani, in what appeared to be an exchange for two foreign university teachers held by the group.

In a televised address Ghani called the decision "very hard" but said it was taken in the interest of the Afghan people. He said he hoped it would "pave the way" for direct talks between his government and the insurgents.

Ghani did not name the teachers, but the American Kevin King and the Australian Timothy Weeks were abducted outside the American University of Kabul in 2016. Their health has deteriorated in captivity, the president said.

Anas Haqqani was captured in 2014 and sentenced to death by an Afghan court. His release had long been demanded by the Haqqani network.""",
    ),
    # -- deportations -------------------------------------------------------------------------
    dict(
        id="deport-rr1",
        kind="rereport",
        of="5f9c5ed5d64d",
        topic="deportations",
        outlet="northern-india-chronicle.in",
        published="2019-11-20",
        title="150 Indians deported from US land in Delhi",
        note="retelling of the PTI dispatch: two quotes, 150, Rs 24 lakh, 'PTI reported'",
        text="""A special flight carrying about 150 Indians deported from the United States landed at Delhi airport early on Wednesday, PTI reported. The men had either overstayed their visas or crossed the border illegally.

Many spoke of savings lost to agents. Singh Jabarjung, 24, from Bhatinda, said: "This was the fourth time I have been deported." He had paid Rs 24 lakh for his four attempts, he said, and another Rs 40 lakh in legal fees.

Lakshiwnder Singh said an agent in Amritsar took Rs 25 lakh from him. "They caught me while I was trying to cross the border and deported here from Arizona in US," he said.

The plane came in via Bangladesh and touched down at Terminal 3 at 6am, an airport official said. Last month Mexico sent back more than 300 Indians who had tried to reach the US.""",
    ),
    dict(
        id="deport-rr2",
        kind="rereport",
        of="5f9c5ed5d64d",
        topic="deportations",
        outlet="diaspora-weekly.com",
        published="2019-11-21",
        title="'Fourth time deported': Punjab youths return broke from US",
        note="retelling: one quote, the same figures with their speakers",
        text="""For Singh Jabarjung it was the fourth failed attempt at the American dream. The 24-year-old from Punjab was among roughly 150 Indians flown back from the United States this week after being caught entering illegally or breaking visa rules.

He told reporters at Delhi airport that he had travelled through Moscow and Paris to Mexico in May before trying to cross into California. "I boarded a flight on May 15 and reached Mexico via Moscow and Paris," he said. The effort cost him Rs 24 lakh, he said.

Another returnee, Lakshiwnder Singh, said he had handed Rs 25 lakh to an agent. Officials said all 150 had violated visa norms or were illegal immigrants. The flight arrived at 6am.""",
    ),
    dict(
        id="deport-october",
        kind="negative",
        of=None,
        topic="deportations",
        outlet="northern-india-chronicle.in",
        published="2019-10-18",
        title="Mexico deports 311 Indians who tried to enter US",
        note="same topic a month earlier: another flight, other figures and speakers",
        text="""Mexico on Friday deported 311 Indians, including a woman, who had entered the country illegally on their way to the United States, the National Migration Institute said in a statement.

The group was flown from Toluca to New Delhi on a chartered Boeing 747, the institute said, the first mass deportation of Indians from Mexico. "We have acted in line with the law and with full respect for human rights," it said.

Most of the deportees are from Punjab and Haryana. Officials at Delhi airport said the returnees would be questioned about the agents who sent them abroad.

Mexico has stepped up enforcement under pressure from Washington, which threatened tariffs in June unless the flow of migrants across its southern border was reduced.""",
    ),
    # -- plague -------------------------------------------------------------------------------
    dict(
        id="plague-rr1",
        kind="rereport",
        of="ea25dd7edff4",
        topic="plague",
        outlet="health-desk-online.com",
        published="2019-11-19",
        title="China reports third plague case; 28 contacts in quarantine",
        note="retelling: 'extremely low', 55-year-old, 28 quarantined, 26 cases / 11 deaths",
        text="""A third person in China has been diagnosed with plague, a 55-year-old man from Inner Mongolia who had killed and eaten a wild rabbit, officials said, days after a couple from the same region fell ill with the pneumonic form.

Twenty-eight people who had contact with the man were put in quarantine and none has shown symptoms, the Associated Press reported. The regional health commission said there was no link between his bubonic plague and the earlier two cases.

The Chinese Center for Disease Control and Prevention said on Weibo that the risk of transmission was "extremely low" and that "relevant sites" had been disinfected.

China recorded 26 cases of plague and 11 deaths between 2009 and 2018, according to Reuters. Worldwide there were 3,248 cases and 584 deaths between 2010 and 2015, the WHO says.""",
    ),
    dict(
        id="plague-rr2",
        kind="rereport",
        of="ea25dd7edff4",
        topic="plague",
        outlet="science-digest-weekly.com",
        published="2019-11-20",
        title="Plague in Beijing: what we know about China's three cases",
        note="retelling; the same figures with their speakers, one shared quote",
        text="""Three people in China have plague, two of them treated in a Beijing hospital, and the authorities say there is little cause for alarm.

The couple from Inner Mongolia have pneumonic plague, the most dangerous form, which spreads from person to person through droplets. A third patient, a 55-year-old man, has the bubonic form and is believed to have caught it from a wild rabbit. Twenty-eight of his contacts are under quarantine.

China's CDC described the risk of transmission as "extremely low". Between 2009 and 2018 the country had 26 cases and 11 deaths, Reuters reports. Treated with antibiotics within 24 hours, the disease can usually be cured.""",
    ),
    dict(
        id="plague-fourth",
        kind="negative",
        of=None,
        topic="plague",
        outlet="health-desk-online.com",
        published="2019-11-28",
        title="Fourth plague case confirmed in Inner Mongolia",
        note="follow-up nine days later: a new case, new figures, the same speaker",
        text="""Health authorities in Inner Mongolia confirmed a fourth case of bubonic plague on Thursday, in a herder from Siziwang Banner, and said 35 people who had been in contact with him were under medical observation.

The regional health commission said the man was in stable condition in hospital in Ulanqab. It said the case was not connected to the three diagnosed earlier this month, and that the area around his home was being treated to kill fleas and rodents.

"The risk of an epidemic is controllable," the commission said in a notice, urging residents not to hunt or eat wild animals.

The couple treated in Beijing remain in hospital, one of them in critical condition, state media said.""",
    ),
    # -- car sales ----------------------------------------------------------------------------
    dict(
        id="cars-rr1",
        kind="rereport",
        of="9ebb3af65694",
        topic="car-sales",
        outlet="gulfcoast-business.com",
        published="2019-11-20",
        title="Houston new-vehicle sales fall 10% despite cheap loans",
        note="retelling of the InfoNation report: 30,154, 10 percent, McDowell's quote",
        text="""Houston-area dealers sold 30,154 new cars, trucks and SUVs in October, 10 percent fewer than a year earlier, according to InfoNation, the Sugar Land data company that publishes the TexAuto Facts report.

Sales for the year so far stand at 208,560 vehicles, down 5 percent. Sedans have fared worst, falling 12.3 percent, while trucks and SUVs are off 2.6 percent.

"People are a little more cautious in regards to purchasing vehicles," said InfoNation President Dan McDowell. "2019 is just not as strong as 2018."

Financing remains cheap: the average rate on a new-car loan was 5.7 percent in October, Edmunds said. But the average retail price of a new vehicle sold locally rose to $39,014.""",
    ),
    dict(
        id="cars-november",
        kind="negative",
        of=None,
        topic="car-sales",
        outlet="gulfcoast-business.com",
        published="2019-12-17",
        title="Houston new-car sales slip again in November",
        note="the next month's report: new figures, McDowell's stock line four weeks later",
        text="""New vehicle sales in the Houston area fell 3 percent in November, the fifth monthly decline this year, according to InfoNation's TexAuto Facts report.

Local dealers sold 26,410 new cars, trucks and SUVs last month, against 27,226 a year earlier. Year-to-date sales of 234,970 vehicles are down 4.8 percent.

"2019 is just not as strong as 2018," InfoNation President Dan McDowell said, adding that Black Friday promotions had kept the drop smaller than dealers feared.

Truck and SUV sales held nearly flat, while sedan sales fell 9.1 percent. The average price of a new vehicle sold locally in November was $39,480.""",
    ),
    # -- power shutoffs -----------------------------------------------------------------------
    dict(
        id="pge-rr1",
        kind="rereport",
        of="d0382c0d9573",
        topic="power-shutoffs",
        outlet="bay-area-record.com",
        published="2019-11-20",
        title="PG&E to cut power to 375,000 in 18 counties as fire winds return",
        note="retelling naming the Associated Press; Strenfel's and Vesey's quotes",
        text="""Pacific Gas & Electric planned to switch off electricity to about 375,000 people across 18 counties on Wednesday, the Associated Press reported, as dry winds gusting to 55 mph raised the risk of fires again.

The utility had first warned that some 660,000 people could lose power but cut the estimate after new forecasts. Its meteorologist Scott Strenfel said a Napa County station had recorded no measurable rain since mid-September, a first since 1905. "This lack of rain is keeping the threat of fire very real, this late in the season, in many areas," he said.

Chief executive Andy Vesey acknowledged the blackouts were "terribly disruptive" but said: "we won't roll the dice on public safety." Power should start coming back on Thursday morning, the company said.""",
    ),
    dict(
        id="pge-rr2",
        kind="rereport",
        of="d0382c0d9573",
        topic="power-shutoffs",
        outlet="north-valley-tv.com",
        published="2019-11-21",
        title="Another PG&E blackout hits wine country and Sierra foothills",
        note="retelling; the same figures (375,000, 18 counties, 2.5 million) with speakers",
        text="""Tens of thousands of homes in wine country, the northern Bay Area and the Sierra foothills were dark on Wednesday night in PG&E's latest shutoff, which the utility said would reach about 375,000 people in 18 counties.

Last month's outage affected nearly 2.5 million people and drew fury from local officials who said the company was using blackouts because it had not made its lines safe.

"This lack of rain is keeping the threat of fire very real," said PG&E meteorologist Scott Strenfel. Mark Quinlan, the utility's senior director of emergency preparedness, said restoration could begin once the winds eased on Thursday.""",
    ),
    dict(
        id="pge-october",
        kind="negative",
        of=None,
        topic="power-shutoffs",
        outlet="bay-area-record.com",
        published="2019-10-26",
        title="PG&E warns 940,000 customers of biggest shutoff yet",
        note="same speakers and a stock line a month earlier: another shutoff, other figures",
        text="""Pacific Gas & Electric said on Saturday it would cut power to about 940,000 customers in 36 counties, its largest shutoff yet, as forecasters warned of a historic wind event across Northern California.

Gusts of up to 70 mph were expected overnight, the utility said, and the outage could last 48 hours. "We won't roll the dice on public safety," chief executive Andy Vesey told reporters.

The Kincade Fire in Sonoma County has burned more than 25,000 acres and forced the evacuation of about 90,000 people, Cal Fire said. The cause is under investigation; PG&E has reported a broken jumper cable on a transmission tower near the fire's origin.

Governor Gavin Newsom called the shutoffs unacceptable and said the utility had put "greed over public safety" for years.""",
    ),
    # -- uk election --------------------------------------------------------------------------
    dict(
        id="factcheck-rr1",
        kind="rereport",
        of="e7994d550087",
        topic="uk-election",
        outlet="westminster-today.co.uk",
        published="2019-11-20",
        title="Tories accused of misleading voters with 'factcheckUK' account",
        note="retelling of the AP story: Moy's and Raab's quotes, 'told the BBC'",
        text="""The Conservatives have been accused of deceiving the public after renaming their press office Twitter account "factcheckUK" during Tuesday night's debate between Boris Johnson and Jeremy Corbyn.

The account, normally called CCHQ Press, posted tweets backing the prime minister while looking like a neutral fact-checker, before switching back after the programme.

"It was an attempt to mislead voters," Will Moy, chief executive of Full Fact, told the BBC.

Foreign Secretary Dominic Raab was unapologetic. "We make no apology for having an instant rebuttal to all the nonsense and lies put out," he said. Twitter said it would take "decisive corrective action" if it happened again. The country votes on December 12.""",
    ),
    dict(
        id="factcheck-rr2",
        kind="rereport",
        of="e7994d550087",
        topic="uk-election",
        outlet="eurowire-daily.eu",
        published="2019-11-21",
        title="Twitter warns Conservatives after fact-check stunt",
        note="retelling; two shared quotes, the Electoral Commission's quote",
        text="""Twitter has warned Britain's ruling party that any repeat of its debate-night stunt would bring "decisive corrective action", after the Conservative press office rebranded its account as "factcheckUK" while Boris Johnson and Jeremy Corbyn faced each other on television.

Fact-checking groups were outraged. Full Fact's chief executive Will Moy said it was inappropriate "for a serious political party to behave that way".

Dominic Raab, the foreign secretary, defended it: "We make no apology for having an instant rebuttal to all the nonsense and lies put out."

The Electoral Commission said "voters are entitled to transparency and integrity from campaigners in the lead-up to an election" but noted it had no power over campaign content.""",
    ),
    dict(
        id="starmer-video",
        kind="negative",
        of=None,
        topic="uk-election",
        outlet="westminster-today.co.uk",
        published="2019-11-06",
        title="Conservatives defend doctored video of Keir Starmer",
        note="same party, same election, another event two weeks earlier",
        text="""The Conservative Party has defended a video posted on its social media accounts that was edited to make Labour's Brexit spokesman Keir Starmer appear lost for words in a television interview.

The clip, cut from an interview on Good Morning Britain, showed Starmer pausing in silence after a question about Labour's Brexit plan. In the full interview he answered at once.

Party chairman James Cleverly said the video was "lighthearted satire" and refused to take it down. Labour called it "a desperate and dishonest" attempt to deceive voters.

Full Fact said the edit was misleading and urged all parties to sign up to standards for online campaigning before polling day on December 12.""",
    ),
    # -- assange ------------------------------------------------------------------------------
    dict(
        id="assange-rr1",
        kind="rereport",
        of="c7e39ac49fa1",
        topic="assange",
        outlet="nordic-observer.se",
        published="2019-11-19",
        title="Sweden drops Assange rape inquiry as evidence 'weakened considerably'",
        note="retelling: the authority's and Persson's quotes, seven witnesses, 50 weeks",
        text="""Swedish prosecutors have closed their investigation into a rape allegation made against Julian Assange in 2010, saying too much time had passed.

Deputy Director of Public Prosecution Eva-Marie Persson said the complainant had given a credible account. "The reason for this decision is that the evidence has weakened considerably due to the long period of time that has elapsed since the events in question," the Swedish Prosecution Authority said.

"Her statements have been coherent, extensive and detailed," Persson told reporters in Stockholm, where she said seven witnesses had been interviewed this year.

The 48-year-old WikiLeaks founder is in Belmarsh prison in London, serving a 50-week sentence for skipping bail, and faces a US extradition request.""",
    ),
    dict(
        id="assange-rr2",
        kind="rereport",
        of="c7e39ac49fa1",
        topic="assange",
        outlet="press-review-international.com",
        published="2019-11-20",
        title="Assange: Swedish case closed, US extradition fight ahead",
        note="retelling naming the BBC; one shared quote, the same figures",
        text="""The Swedish chapter of Julian Assange's legal saga is over, the BBC reported, after prosecutors in Stockholm said they were discontinuing their inquiry into a 2010 rape allegation.

Eva-Marie Persson said the evidence "has weakened considerably due to the long period of time" since the events. The inquiry, shelved in 2017, had been reopened after Assange was evicted from Ecuador's London embassy in April.

Assange, an Australian aged 48, denies the allegation. He remains in Belmarsh prison and faces 18 charges in the United States over the publication of classified military and diplomatic files.""",
    ),
    dict(
        id="assange-reopen",
        kind="negative",
        of=None,
        topic="assange",
        outlet="nordic-observer.se",
        published="2019-05-13",
        title="Sweden reopens Assange rape investigation",
        note="same speaker and case six months earlier: the reopening",
        text="""Swedish prosecutors said on Monday they were reopening a preliminary investigation into a rape allegation against Julian Assange, weeks after he was dragged out of Ecuador's embassy in London.

"There is still probable cause to suspect that Assange committed rape," Deputy Director of Public Prosecution Eva-Marie Persson told a news conference in Stockholm. She said she would seek his detention in absentia and a European arrest warrant.

The case was dropped in 2017 because Assange could not be reached in the embassy. The statute of limitations on the allegation runs out in August 2020.

Assange is serving a 50-week sentence in Britain for breaching bail. His lawyer said the decision would give him a chance to clear his name.""",
    ),
    # -- kidnapping ---------------------------------------------------------------------------
    dict(
        id="rescue-rr1",
        kind="rereport",
        of="51d066b0602c",
        topic="kidnapping",
        outlet="texas-metro-news.com",
        published="2019-11-18",
        title="Bodycam video shows officers finding abducted girl in hotel laundry basket",
        note="retelling: the officers' quotes, 8-year-old, life sentence",
        text="""Federal prosecutors have released body camera footage of the moment police found an 8-year-old Fort Worth girl who had been abducted, hidden in a clothes basket in a Forest Hill hotel room.

The video, made public after Michael Webb was sentenced to life in federal prison last week, shows officers running up the stairs and pounding on the door. "Fort Worth P.D. Open the door! We're coming in!" one shouts. Webb comes out naked.

"Hey, here she is. Got her!" an officer calls as they lift the basket. "We got her. We got her."

A family friend had spotted Webb's car in the hotel car park and called 911. A Forest Hill sergeant who searched the same room earlier without finding her was fired.""",
    ),
    dict(
        id="rescue-rr2",
        kind="rereport",
        of="51d066b0602c",
        topic="kidnapping",
        outlet="lonestar-courier.com",
        published="2019-11-19",
        title="'Come on, sweetheart': video of Fort Worth rescue released",
        note="retelling naming NBC 5; two shared quotes",
        text="""Police video released on Monday shows officers carrying a kidnapped 8-year-old to safety from a hotel in Forest Hill, NBC 5 reported.

Officers used a ram to force the door, ordered the suspect out with his hands up and searched the room until they found the girl in a basket of clothes. "We got her. We got her," an officer says.

"Come on, sweetheart. You are going to be OK," another tells her as she is carried out to a waiting ambulance.

The kidnapper, Michael Webb, confessed and was sentenced last Thursday to life in prison.""",
    ),
    dict(
        id="webb-sentenced",
        kind="negative",
        of=None,
        topic="kidnapping",
        outlet="texas-metro-news.com",
        published="2019-11-14",
        title="Man who kidnapped Fort Worth girl sentenced to life",
        note="same people four days earlier: the sentencing, before the video",
        text="""Michael Webb, who abducted an 8-year-old girl as she walked home in Fort Worth in March, was sentenced on Thursday to life in federal prison.

U.S. District Judge Reed O'Connor handed down the sentence after Webb, 51, pleaded guilty to kidnapping and sexual exploitation of a child. "This defendant inflicted unspeakable harm on a little girl and her family," U.S. Attorney Erin Nealy Cox said in a statement.

Webb snatched the girl from a sidewalk on March 30 and took her to a hotel in Forest Hill, where police found her the next morning after a tip. Prosecutors said he had confessed.

The girl's family thanked the community and investigators. "We are so grateful she is home," they said in a statement read by their lawyer.""",
    ),
    # -- retail earnings ----------------------------------------------------------------------
    dict(
        id="hd-rr1",
        kind="rereport",
        of="f8ff621a0b9b",
        topic="retail-earnings",
        outlet="investor-street-journal.com",
        published="2019-11-19",
        title="Home Depot cuts sales outlook; shares fall 5%",
        note="retelling: $2.53, 3.5% vs 4.0%, Menear's quote, Fadem's quote",
        text="""Home Depot lowered its forecast for 2019 sales growth on Tuesday, sending its stock down 5% before the opening bell, even though third-quarter earnings of $2.53 a share beat the $2.52 analysts expected.

The company now sees comparable-store sales rising 3.5% this year, down from the 4.0% it predicted earlier. Chief executive Craig Menear said some benefits of its One Home Depot investments "will take longer to realize than our initial assumptions."

Analysts were not alarmed. Wells Fargo's Zachary Fadem said the quarter faced a hurricane headwind. "Excluding these items, we believe Q3 comps would have been closer to 5%," he wrote. Lowe's, which reports on Wednesday, slipped 1.8%.""",
    ),
    dict(
        id="lowes-earnings",
        kind="negative",
        of=None,
        topic="retail-earnings",
        outlet="investor-street-journal.com",
        published="2019-11-20",
        title="Lowe's raises forecast as rival Home Depot stumbles",
        note="same topic a day later: the rival's results, other figures and speakers",
        text="""Lowe's raised its full-year profit forecast on Wednesday after third-quarter earnings beat expectations, a day after rival Home Depot disappointed investors by cutting its sales outlook.

The home improvement chain earned $1.41 a share, excluding items, against the $1.34 analysts expected. Comparable sales rose 2.1% and the company now expects adjusted earnings of $5.63 to $5.70 a share for the year.

"Our results reflect the significant progress we've made in transforming the business," chief executive Marvin Ellison said on a call with analysts.

Lowe's shares rose 4% in early trading. Home Depot's were flat after Tuesday's 5% drop.""",
    ),
    dict(
        id="hd-august",
        kind="negative",
        of=None,
        topic="retail-earnings",
        outlet="marketpulse-daily.com",
        published="2019-08-20",
        title="Home Depot trims sales forecast on lumber prices",
        note="same company and speaker three months earlier: another quarter's figures",
        text="""Home Depot lowered its sales forecast for the year on Tuesday, blaming falling lumber prices and the potential effect of new tariffs, though second-quarter earnings of $3.17 a share topped estimates.

The retailer now expects sales to grow about 2.3% in fiscal 2019, down from 3.3%. Comparable sales rose 3.0% in the quarter.

"Our second-quarter results were in line with our expectations," chief executive Craig Menear said in a statement, adding that the company's investments in One Home Depot were "progressing well."

The shares rose 4% before the market opened as investors had braced for worse.""",
    ),
    # -- football -----------------------------------------------------------------------------
    dict(
        id="spurs-rr1",
        kind="rereport",
        of="921019755f4a",
        topic="football",
        outlet="the-terrace-report.co.uk",
        published="2019-11-20",
        title="Mourinho is the new Tottenham manager",
        note="retelling: Mourinho's quote, the club statement, 25 senior trophies",
        text="""Tottenham Hotspur have appointed Jose Mourinho as head coach on a contract to the end of the 2022/23 season, less than a day after sacking Mauricio Pochettino.

"I am excited to be joining a club with such a great heritage and such passionate supporters," said the 56-year-old, who had been out of work since Manchester United dismissed him last December.

The club's statement called him "one of the world's most accomplished managers having won 25 senior trophies", and noted he had won the title in four countries.

Pochettino leaves after five and a half years, six months after taking Spurs to the Champions League final. Mourinho's first game is at West Ham on Saturday.""",
    ),
    dict(
        id="spurs-rr2",
        kind="rereport",
        of="921019755f4a",
        topic="football",
        outlet="continental-football-wire.com",
        published="2019-11-20",
        title="Spurs turn to Mourinho after Pochettino exit",
        note="retelling naming Sky News; one shared quote, same figures",
        text="""Jose Mourinho is back in the Premier League. Tottenham confirmed on Wednesday that the Portuguese will succeed Mauricio Pochettino, who was dismissed on Tuesday evening, Sky News reported.

"The quality in both the squad and the academy excites me," Mourinho said. He has signed until 2023.

Spurs praised a coach who has won 25 senior trophies and twice lifted the Champions League with different clubs, Porto in 2004 and Inter Milan in 2010. He had been working as a television pundit since leaving Old Trafford in December 2018.""",
    ),
    dict(
        id="poch-sacked",
        kind="negative",
        of=None,
        topic="football",
        outlet="the-terrace-report.co.uk",
        published="2019-11-19",
        title="Tottenham sack Mauricio Pochettino",
        note="same club the day before: the sacking, another statement",
        text="""Tottenham Hotspur sacked manager Mauricio Pochettino on Tuesday night after a poor start to the season left the club 14th in the Premier League.

"We were extremely reluctant to make this change," chairman Daniel Levy said in a statement. "Regrettably domestic results at the end of last season and beginning of this season have been extremely disappointing."

Pochettino, 47, took Spurs to the Champions League final in June, where they lost 2-0 to Liverpool in Madrid. He had been in charge since May 2014.

His assistants Jesus Perez, Miguel D'Agostino and Toni Jimenez also left the club. Levy said a new manager would be appointed "quickly".""",
    ),
    # -- settlements --------------------------------------------------------------------------
    dict(
        id="settle-rr1",
        kind="rereport",
        of="833caf3bdba5",
        topic="settlements",
        outlet="levant-news-agency.com",
        published="2019-11-19",
        title="UN, EU reject US shift on Israeli settlements",
        note="retelling of the AFP reaction story: Netanyahu's quotes, UN quote, 600,000",
        text="""The United Nations and the European Union said on Tuesday that Israeli settlements in the occupied West Bank remain illegal, rejecting Washington's announcement that it no longer regards them as a breach of international law.

The UN human rights office said the US shift did "not modify existing international law, nor its interpretation by the International Court of Justice and the UN Security Council". The Arab League condemned it.

Israeli Prime Minister Benjamin Netanyahu, visiting the Gush Etzion bloc, said Washington had "corrected an historic injustice and lined up with truth and justice". "Here we are on a historic day with another tremendous achievement for the State of Israel," he told settler leaders.

More than 600,000 Israelis live in settlements in the West Bank and east Jerusalem, among more than three million Palestinians.""",
    ),
    dict(
        id="settle-rr2",
        kind="rereport",
        of="833caf3bdba5",
        topic="settlements",
        outlet="gulf-daily-monitor.com",
        published="2019-11-20",
        title="Netanyahu hails 'historic' US move as world objects",
        note="retelling; two shared quotes, the same figures",
        text="""Israel's prime minister celebrated while much of the world protested after the United States said Israeli settlements were no longer illegal in its view.

Benjamin Netanyahu said the Trump administration had "corrected an historic injustice and lined up with truth and justice". The EU repeated that it considers all settlement activity illegal, and the UN said the decision did "not modify existing international law".

Some 600,000 Israelis live in the settlements, built on land captured in the 1967 war that Palestinians want for a future state.""",
    ),
    dict(
        id="settle-pompeo",
        kind="negative",
        of=None,
        topic="settlements",
        outlet="levant-news-agency.com",
        published="2019-11-18",
        title="Pompeo: settlements not 'per se' illegal",
        note="the announcement the day before: same speaker and quote, another report",
        text="""Secretary of State Mike Pompeo announced on Monday that the United States no longer considers Israeli settlements in the occupied West Bank to be illegal, reversing four decades of American policy.

"The establishment of Israeli civilian settlements in the West Bank is not, per se, inconsistent with international law," Pompeo told reporters at the State Department. He said the decision followed a legal review and that Israeli courts were best placed to judge individual settlements.

The move rejects a 1978 State Department legal opinion. Palestinian negotiator Saeb Erekat said it was "a threat to international peace and security".

Pompeo said the decision did not prejudge the final status of the West Bank, which he said was for Israelis and Palestinians to negotiate.""",
    ),
    # -- threats (real pair) and music (real pair): written negatives only -------------------
    dict(
        id="omar-sentenced",
        kind="negative",
        of=None,
        topic="threats",
        outlet="lakes-region-news.com",
        published="2020-02-14",
        title="Man who threatened Rep. Omar sentenced",
        note="same case three months later: the sentencing, new figures",
        text="""A New York man who threatened to kill Rep. Ilhan Omar was sentenced on Friday to one year and one day in federal prison, the U.S. Attorney's Office for the Western District of New York said.

Patrick Carlineo Jr., 55, had pleaded guilty in November to threatening to assault and murder a federal official and to being a felon in possession of firearms. Prosecutors had asked for 18 months.

"Threats of violence against elected officials have no place in our democracy," U.S. Attorney James Kennedy Jr. said in a statement.

Carlineo's lawyer said her client was remorseful and had been drinking when he made the call to Omar's office in March 2019.""",
    ),
    dict(
        id="doobie-dates",
        kind="negative",
        of=None,
        topic="music-tours",
        outlet="concert-calendar.com",
        published="2020-03-02",
        title="Doobie Brothers add 12 dates to anniversary tour",
        note="same band months later: new dates and figures",
        text="""The Doobie Brothers have added 12 shows to their 50th anniversary tour, which will now run to 42 dates after strong ticket sales, promoter Live Nation said on Monday.

The new concerts include two nights at the Greek Theatre in Los Angeles in September and a stop at Madison Square Garden on August 28. Michael McDonald will join Tom Johnston, Patrick Simmons and John McFee on every date.

"The response has been overwhelming, and we want to get to as many fans as we can," Johnston said in a statement.

Tickets for the added dates go on sale on Friday.""",
    ),
]

# Brief retellings: a few lines in the outlet's own words around one short quote (sometimes
# split by its attribution or cut to a fragment), the figures with their speakers and the
# named source: what a wire's clients print (the hardest form of `rereport`).
WRITTEN += [
    dict(
        id="crash-brief",
        kind="rereport",
        of="7916ecca969f",
        topic="afghanistan",
        outlet="evening-bulletin.ca",
        published="2019-11-21",
        title="Two U.S. troops dead as helicopter goes down near Kabul",
        note="brief: a split quote fragment, 13,000 troops, names Al Jazeera",
        text="""Two U.S. troops were killed when their helicopter came down in Afghanistan, Al Jazeera reported on Wednesday, quoting a military statement that gave neither their names nor the place.

Initial findings, the military said, "do not indicate it was caused by enemy fire", though the Taliban said their fighters hit the aircraft in Logar. Roughly 13,000 American soldiers are still in the country.""",
    ),
    dict(
        id="hostage-brief",
        kind="rereport",
        of="a1fca19b884e",
        topic="afghanistan",
        outlet="morning-star-tribune.com",
        published="2019-11-20",
        title="Captive professors released in Afghanistan",
        note="brief: one short quote, named source AFP, 2016",
        text="""Kevin King of the United States and Timothy Weeks of Australia, lecturers seized in Kabul in 2016, have been let go by the Taliban, who received three of their own prisoners in return, an insurgent source told AFP.

"We pray for the full recovery of both men," the White House said. The freed insurgents, Anas Haqqani among them, were sent to Qatar.""",
    ),
    dict(
        id="deport-brief",
        kind="rereport",
        of="5f9c5ed5d64d",
        topic="deportations",
        outlet="metro-india-today.in",
        published="2019-11-22",
        title="Deported from US for the fourth time",
        note="brief: one quote, the figures with their speakers, names PTI",
        text="""Nearly 150 Indian men sent back from the United States reached Delhi on Wednesday morning, PTI said. Among them was a 24-year-old from Bhatinda who had tried four times and spent Rs 24 lakh on the journeys. "This was the fourth time I have been deported," he said.

Officials said the men had overstayed visas or entered illegally.""",
    ),
    dict(
        id="plague-brief",
        kind="rereport",
        of="ea25dd7edff4",
        topic="plague",
        outlet="asia-pacific-brief.com",
        published="2019-11-21",
        title="China says plague risk is low after third case",
        note="brief: a two-word quote only; 55-year-old, 28 contacts; names Reuters",
        text="""China's disease control agency called the chance of plague spreading "extremely low" after a third patient, a 55-year-old hunter from Inner Mongolia, was diagnosed with the bubonic form. His 28 contacts are in quarantine, the AP said. The country had 26 cases and 11 deaths in the decade to 2018, according to Reuters.""",
    ),
    dict(
        id="cars-brief",
        kind="rereport",
        of="9ebb3af65694",
        topic="car-sales",
        outlet="texas-auto-dealer-news.com",
        published="2019-11-21",
        title="October slump for Houston dealers",
        note="brief: a quote fragment, 30,154 and 10 percent, names InfoNation",
        text="""Houston dealers moved 30,154 new vehicles in October, a drop of 10 percent on the year, according to InfoNation's monthly figures. Shoppers are "a little more cautious in regards to purchasing vehicles," company president Dan McDowell said, even with loan rates at 5.7 percent.""",
    ),
    dict(
        id="pge-brief",
        kind="rereport",
        of="d0382c0d9573",
        topic="power-shutoffs",
        outlet="coastal-radio-news.com",
        published="2019-11-20",
        title="Lights out again for 375,000 Californians",
        note="brief: a split quote, 375,000 and 18 counties, 'the AP reported'",
        text="""About 375,000 people in 18 California counties were to lose power on Wednesday as PG&E braced for dry, gusty winds, the AP reported. "This lack of rain," the utility's meteorologist Scott Strenfel said, "is keeping the threat of fire very real." Power should return from Thursday.""",
    ),
    dict(
        id="factcheck-brief",
        kind="rereport",
        of="e7994d550087",
        topic="uk-election",
        outlet="channel-islands-gazette.com",
        published="2019-11-22",
        title="Full Fact attacks Tory 'factcheckUK' account",
        note="brief: one quote, told the BBC, two days later",
        text="""Full Fact's Will Moy said the Conservatives' decision to rename their press account "factcheckUK" during the leaders' debate was "an attempt to mislead voters", he told the BBC. The party said it made no apology. Britain votes on Dec. 12.""",
    ),
    dict(
        id="assange-brief",
        kind="rereport",
        of="c7e39ac49fa1",
        topic="assange",
        outlet="oceania-news-network.com",
        published="2019-11-20",
        title="Swedish prosecutors end Assange case",
        note="brief: a quote fragment, seven witnesses, 48-year-old",
        text="""Sweden has dropped its investigation of Julian Assange, 48, over a 2010 rape allegation after prosecutors said the evidence had "weakened considerably" with time. Eva-Marie Persson, who led the case, told reporters seven witnesses had been questioned. The Australian remains jailed in London.""",
    ),
    dict(
        id="rescue-brief",
        kind="rereport",
        of="51d066b0602c",
        topic="kidnapping",
        outlet="panhandle-daily.com",
        published="2019-11-20",
        title="Released video shows girl found in basket",
        note="brief: one quote, 8-year-old, life sentence; names NBC 5",
        text="""Footage released by federal prosecutors shows Fort Worth officers finding an abducted 8-year-old hidden in a laundry basket in a hotel room, NBC 5 reported. "Hey, here she is. Got her!" an officer says on the video. Michael Webb was sentenced to life last week.""",
    ),
    dict(
        id="hd-brief",
        kind="rereport",
        of="f8ff621a0b9b",
        topic="retail-earnings",
        outlet="wealth-weekly-digest.com",
        published="2019-11-21",
        title="Home Depot lowers its growth target",
        note="brief: a quote fragment, $2.53 and 3.5%, names Barron's",
        text="""Home Depot now expects same-store sales to grow 3.5% this year, not 4.0%, although it earned $2.53 a share in the third quarter, Barron's reported. Chief executive Craig Menear said sales were "below our expectations driven by the timing of certain benefits" of its investments.""",
    ),
    dict(
        id="spurs-brief",
        kind="rereport",
        of="921019755f4a",
        topic="football",
        outlet="african-football-today.com",
        published="2019-11-21",
        title="Mourinho takes over at Spurs",
        note="brief: a quote of the second paragraph of a two-paragraph quote",
        text="""Tottenham have named Jose Mourinho manager until 2023 after firing Mauricio Pochettino, Sky News reported. "Working with these players is what has attracted me," the 56-year-old Portuguese said. He has won 25 senior trophies, the club noted.""",
    ),
    dict(
        id="settle-brief",
        kind="rereport",
        of="833caf3bdba5",
        topic="settlements",
        outlet="mediterranean-monitor.com",
        published="2019-11-20",
        title="Arab League condemns US settlements stance",
        note="brief: one quote, 600,000 settlers, three million Palestinians",
        text="""The Arab League condemned Washington's decision to stop treating Israeli settlements as illegal, while Benjamin Netanyahu said it "corrected an historic injustice". More than 600,000 Israelis live in settlements among over three million Palestinians, AFP said.""",
    ),
]

# Another story the next day that quotes a remark of the original: not a retelling of it.
WRITTEN += [
    dict(
        id="hostage-talks",
        kind="negative",
        of=None,
        topic="afghanistan",
        outlet="capital-wire-digest.com",
        published="2019-11-21",
        title="After the swap, can Afghan peace talks restart?",
        note="analysis the day after: quotes Pompeo's line inside a story about the talks",
        text="""Two days after the Taliban freed two Western teachers, diplomats in Doha are asking whether the goodwill can revive the peace process that President Donald Trump declared "dead" in September.

Secretary of State Mike Pompeo has called the exchange one of several "hopeful signs that the Afghan war, a terrible and costly conflict that has lasted 40 years, may soon conclude". But Taliban officials in Qatar said on Thursday that they would not meet the Kabul government until a deal on the withdrawal of foreign troops is signed.

"The release was a humanitarian matter, not a political concession," Suhail Shaheen, a spokesman for the group's political office, told reporters. Western diplomats said informal contacts had resumed, and that Zalmay Khalilzad was expected in the region next week.

Analysts cautioned that the Afghan government itself is divided, with the result of September's presidential election still not announced.""",
    ),
    dict(
        id="pge-regulators",
        kind="negative",
        of=None,
        topic="power-shutoffs",
        outlet="bay-area-record.com",
        published="2019-11-21",
        title="Regulators order PG&E to explain blackout failures",
        note="follow-up the next day: the regulator's order, Vesey's stock line",
        text="""California's Public Utilities Commission on Thursday ordered Pacific Gas & Electric to explain why its website crashed and its maps failed during last month's shutoffs, and said it would open a formal investigation into the blackouts.

Commission President Marybel Batjer said the utility had "failed to provide accurate and timely information" to 2.5 million customers. PG&E has until December 5 to answer 18 questions, including how many medical-baseline customers lost power without warning.

Chief executive Andy Vesey has said the outages were "terribly disruptive" but that the company "won't roll the dice on public safety." On Thursday the utility said it had restored power to all but 4,000 of the customers cut off in this week's event.

The commission could fine the utility up to $100,000 a day for each violation.""",
    ),
]


def build(truth_path: Path) -> list[dict[str, object]]:
    """Every page of the set, originals first, each with its origin group (None: alone)."""
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    bodies = {key[:12]: item["articleBody"].strip() for key, item in truth.items()}
    rows: list[dict[str, object]] = []
    for ref, (topic, outlet, published, title) in ORIGINALS.items():
        origin = REAL_SAME_ORIGIN.get(ref, ref)
        rows.append(
            dict(id=ref, kind="original", topic=topic, outlet=outlet, published=published,
                 title=title, origin=origin, ref=f"extraction:{ref}", text=bodies[ref])
        )  # fmt: skip
    for pid, kind, of, outlet, published, lead in COPIES:
        body = bodies[of]
        text = cut_short(body) if kind == "cut" else trimmed(body, lead)
        topic, _, _, title = ORIGINALS[of]
        rows.append(
            dict(id=pid, kind=kind, topic=topic, outlet=outlet, published=published,
                 title=title, origin=of, ref=f"extraction:{of}", text=text)
        )  # fmt: skip
    scrapes = truth_path.parent / "text"
    for pid, of, outlet, published in SCRAPED:
        (scrape,) = scrapes.glob(f"{of}*.txt")
        topic, _, _, title = ORIGINALS[of]
        text = scraped_cut(scrape.read_text(encoding="utf-8"), bodies[of])
        rows.append(
            dict(id=pid, kind="cut", topic=topic, outlet=outlet, published=published,
                 title=title, origin=of, ref=f"extraction-text:{of}", text=text)
        )  # fmt: skip
    for page in WRITTEN:
        of = page["of"]
        rows.append({**page, "origin": of})
    # an origin group of one page is no group: such a page is alone
    sizes: dict[object, int] = {}
    for row in rows:
        sizes[row["origin"]] = sizes.get(row["origin"], 0) + 1
    for row in rows:
        if row["origin"] is not None and sizes[row["origin"]] < 2:
            row["origin"] = None
    rows.sort(key=lambda row: (str(row["published"]), str(row["id"])))
    return rows


def main(argv: list[str]) -> None:
    truth = Path(argv[1]) if len(argv) > 1 else DEFAULT_TRUTH
    rows = build(truth)
    out = HERE / "origins.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} pages -> {out}")


if __name__ == "__main__":
    main(sys.argv)
