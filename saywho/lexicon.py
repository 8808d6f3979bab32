"""Word lists that the attribution stages share: cue verbs, titles, role nouns.

These are lists of English news usage, not of any article's wording: a cue verb
is a verb reporters use to attribute speech; a title is a word that stands
before a name.
"""
from __future__ import annotations

#: Verbs that introduce speech, direct or reported (lemmas).
SPEECH_VERBS = frozenset(
    """say tell add reply respond answer claim state declare announce warn insist suggest urge argue
    explain note observe remark comment write tweet post reiterate repeat stress emphasise emphasize
    maintain contend assert allege admit acknowledge concede confirm deny dismiss predict promise
    pledge vow threaten accuse blame praise criticise criticize slam attack hail welcome
    recall recount describe call ask demand propose recommend advise caution complain lament
    boast joke quip muse continue conclude begin start put reveal disclose report testify
    indicate signal mention point counter retort rebut protest plead shout yell whisper
    brief inform assure reassure concur agree disagree""".split()
)
#: Speech verbs that take a reported clause only with an object: "urged X to ...".
OBJECT_CONTROL_VERBS = frozenset("urge ask tell warn advise call implore encourage press invite beg".split())
#: Verbs of belief: attributions, but not speech; left out of indirect speech.
COGNITION_VERBS = frozenset("think believe feel hope fear expect know understand assume suspect wonder".split())
#: Multi-word cues whose verb alone is not a speech verb: "made it clear", "voiced concerns".
LIGHT_VERB_CUES = {
    "make": {"clear", "plain", "point", "case", "statement", "remark", "comment", "claim", "announcement", "pledge", "promise"},
    "voice": {"concern", "concerns", "support", "opposition", "doubt", "doubts", "fear", "fears", "frustration", "anger"},
    "express": {"concern", "concerns", "support", "hope", "regret", "confidence", "doubt", "doubts", "sympathy", "condolences"},
    "raise": {"concern", "concerns", "question", "questions", "doubt", "doubts", "issue", "alarm"},
    "issue": {"statement", "warning", "apology", "denial", "call", "plea"},
    "give": {"assurance", "assurances", "warning", "interview", "speech"},
}

#: Words that stand before a name and are not part of it.
TITLES = frozenset(
    """mr mrs ms miss mx dr prof professor sir dame lord lady baroness baron rev reverend fr father sister
    president president-elect vice prime minister premier chancellor secretary senator sen rep representative
    congressman congresswoman gov governor mayor judge justice king queen prince princess duke duchess
    general gen col colonel capt captain lt lieutenant sgt sergeant admiral commander chief speaker
    ambassador commissioner deputy leader foreign home health defence defense state attorney former ex
    the a an his her their its our mp mep msp ms. mr. mrs. dr. st saint pope cardinal bishop archbishop
    sheikh emir crown hon honourable rt right""".split()
)
#: Honorifics that tell a person's gender.
MALE_HONORIFICS = frozenset("mr mr. sir lord baron king prince duke father fr brother".split())
FEMALE_HONORIFICS = frozenset("mrs mrs. ms ms. miss dame lady baroness queen princess duchess sister".split())

#: Offices of which a country has one holder at a time: a person known under one
#: of them is not the holder of another ("the Prime Minister" is not Trump).
UNIQUE_OFFICES = frozenset(
    """president prime-minister chancellor king queen pope speaker governor mayor premier taoiseach
    chancellor-of-the-exchequer""".split()
)

#: Head nouns of unnamed speakers who speak for someone.
SPOKESPERSON_NOUNS = frozenset(
    """spokesman spokeswoman spokesperson spokespeople official aide source insider adviser advisor
    representative""".split()
)
#: Head nouns of groups that speak ("allies of Mr Trump", "critics"): a quote's group speaker.
SPEAKING_GROUP_NOUNS = frozenset(
    """allies critics officials sources ministers mps lawmakers legislators campaigners activists residents
    protesters protestors experts analysts economists diplomats supporters opponents leaders members
    voters people families relatives colleagues investigators police officers authorities observers
    aides advisers advisors insiders politicians republicans democrats conservatives tories
    unions workers doctors nurses teachers scientists researchers others""".split()
)
#: The former name of SPEAKING_GROUP_NOUNS, still imported by the quotes stage.
GROUP_NOUNS = SPEAKING_GROUP_NOUNS
#: Person nouns usable in a definite description of a person ("the 78-year-old", "the Conservative MP").
PERSON_NOUNS = frozenset(
    """man woman boy girl mp mep msp senator congressman congresswoman lawmaker minister secretary leader
    president premier chancellor governor mayor candidate nominee politician tycoon billionaire businessman
    businesswoman chief executive ceo chairman chairwoman chair founder star actor actress singer player
    manager coach captain host presenter journalist author writer lawyer judge prosecutor officer
    spokesman spokeswoman spokesperson ambassador envoy diplomat king queen prince princess monarch
    pope bishop cleric general commander veteran incumbent challenger rival republican democrat
    conservative tory socialist economist professor doctor scientist expert analyst campaigner activist
    mother father wife husband son daughter brother sister grandmother grandfather widow mum dad
    year-old speaker deputy head boss owner investor official aide adviser""".split()
)

#: Names of organisations under which news reports their spokespeople (metonyms).
ORG_ALIASES = {
    "no 10": "Downing Street",
    "no10": "Downing Street",
    "no. 10": "Downing Street",
    "number 10": "Downing Street",
    "number ten": "Downing Street",
    "downing street": "Downing Street",
    "the white house": "White House",
    "white house": "White House",
    "the kremlin": "Kremlin",
    "kremlin": "Kremlin",
    "the elysee": "Elysee",
    "the élysée": "Elysee",
    "élysée": "Elysee",
    "the pentagon": "Pentagon",
    "pentagon": "Pentagon",
    "whitehall": "Whitehall",
}

#: Heads of phrases that name where or how something was said ("in a statement").
VENUE_HEADS = frozenset(
    """update post statement interview speech conference briefing rally programme program show podcast
    tweet message video letter article op-ed column release debate hearing session address broadcast
    appearance radio television tv newspaper paper blog thread livestream stream press media commons
    parliament senate congress assembly chamber summit forum meeting event""".split()
)
SOCIAL_MEDIA = frozenset("twitter x facebook instagram tiktok threads bluesky truth linkedin youtube telegram weibo".split())
