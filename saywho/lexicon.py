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
    brief inform assure reassure concur agree disagree question
    chant proclaim exhort bemoan""".split()
)
#: How the cue lists below were checked: on an annotated news corpus of attributions
#: (PolNeAR, training split), for each verb and kind of complement, the share of its
#: occurrences that annotators marked as an attribution cue.  A verb class is a cue
#: here when that share is high (say, add, write, note, insist, warn with a clause:
#: .88-.95; decline, vow, promise with "to"-infinitive: .78-.87); verbs of belief
#: stay out (think .12, know .16, believe .25).  The lists are verb classes of
#: English news usage, not any article's wording.

#: Verbs whose "to"-infinitive is what was said or promised ("declined to comment",
#: "vowed to fight on", "proposed to cut the rate"): cues only with that complement
#: ("propose" .68 with it on the annotated corpus; "refuse" .67 and "pledge" .53 were
#: tried and stay out: their new items were right only about half the time).
XCOMP_CUES = frozenset("decline vow promise propose refuse".split())
#: "refused to comment", "refused to say whether ...": a refusal is a cue only when what
#: was refused is speaking (.78 on the annotated corpus; "refused to cooperate" .58).
REFUSAL_CUES = frozenset({"refuse"})
#: Infinitives that name speaking, for REFUSAL_CUES ("refused to [comment]").
SPEAKING_INFINITIVES = SPEECH_VERBS | frozenset("comment answer discuss disclose apologize name identify elaborate".split())
#: The speech verbs whose reported clause is an attribution whoever the subject is: a
#: person, a group, a document ("the report says ..."); other cues need a subject
#: known to speak.
REPORTING_VERBS = frozenset("say tell add write note state claim argue insist warn explain report announce declare".split())
#: Nouns that end like agent nouns ("-er", "-or", "-ist", "-ian") but name no one.
NOT_AGENT_NOUNS = frozenset(
    """number order letter paper water matter power border corner quarter computer error factor sector
    motor meter center centre chapter answer offer other winter summer october november december
    september cancer weather tower register river fiber fibre poster filter charter bitter butter
    flavor flavour color colour favor favour honor honour labor labour rumor rumour humor humour
    behavior behaviour mirror terror horror motion""".split()
)
#: Person nouns in "-ent"/"-ant" (the suffix alone names things too: "statement").
AGENT_NOUNS_ENT = frozenset(
    """resident student president agent client patient parent opponent respondent correspondent
    applicant assistant attendant consultant defendant immigrant informant lieutenant merchant
    migrant participant servant tenant claimant""".split()
)
#: Written sources that a reporting verb attributes to: "the report says", "the complaint states".
WRITTEN_SOURCES = frozenset(
    """report statement study survey poll complaint lawsuit suit analysis review audit memo letter filing
    document release readout ruling order indictment affidavit book article editorial website""".split()
)
#: Verbs by which a study, poll or document reports a finding ("a study found that ...",
#: "polls show ..."): news attributes the clause to the document; cues only with a
#: reported clause and a subject in EVIDENCE_SOURCES (on the annotated corpus, "show"
#: and "find" with a clause are attributions about half the time overall, mostly
#: where the subject is such a source).
EVIDENCE_VERBS = frozenset("show find conclude suggest indicate reveal estimate predict".split())
#: The verbs of EVIDENCE_VERBS whose object is the finding when a source is the
#: subject ("polls show [a close race]": .91 on the annotated corpus, "find" .67-1.0).
EVIDENCE_OBJECT_VERBS = frozenset("show find".split())
#: Sources whose findings are attributed to them: written sources, studies that
#: someone made (a poll, an analysis: its issuer can be named), and records that
#: show what happened (a video, a transcript, a polling average, the data): on the
#: annotated corpus, such a subject's "show"/"find"/"suggest" is an attribution in
#: .75-1.0 of its uses (records .75, data, emails, averages 1.0).  Results stay out:
#: "early results indicated ..." reads the count, it reports no one.
EVIDENCE_SOURCES = WRITTEN_SOURCES | frozenset(
    """research poll polling survey analysis investigation paper experiment model forecast projection
    census study record email transcript slide video footage tape recording average datum data""".split()
)
#: Verbs by which someone makes a study, poll or document, whose "by" phrase names its
#: maker ("a poll conducted by Quinnipiac University", "a report prepared by the staff").
MAKING_VERBS = frozenset("conduct commission carry prepare write compile release issue produce author sponsor".split())
#: Data that a text cites but that says nothing itself: "according to census data".
DATA_NOUNS = frozenset("data datum figure figures statistic statistics number numbers estimate estimates count tally".split())
#: Quantifiers that head a group subject: "several of the nurses", "many in the party".
QUANTIFIER_HEADS = frozenset("several many some most all one none few both each two three four half majority".split())

#: Speech verbs that take a reported clause only with an object: "urged X to ...".
OBJECT_CONTROL_VERBS = frozenset("urge ask tell warn advise call implore encourage press invite beg".split())
#: Cues whose content is their object, not a clause: "cited [the figure]", "called for
#: [a recount]", "called on [voters to stay home]" (on the annotated corpus "cite" is a
#: cue .86 of the time; "call" with a preposition .62, with "for"/"on" higher).  The
#: value names what holds the content: "" the direct object, else the preposition.
OBJECT_CONTENT_CUES = {"cite": frozenset({""}), "call": frozenset({"for", "on"})}
#: Verbs of judging aloud whose object (with its "as"/"for"/"of"/"over" phrase) is what
#: was said: "accused [the bank of fraud]", "praised [the nurses for their courage]",
#: "described [the plan as reckless]".  On the annotated corpus each is an attribution
#: cue in .6-1.0 of its uses with an object; verbs below .55 stay out ("attack" .30,
#: "support" .24, "deny" .34, "defend" .49, "endorse" .49).  "note", "acknowledge",
#: "lament", "announce" ("announced [the arrest of a man]"), "reject" and "tweet" were
#: added on the new items they find on the training split: 17 of 21, 31 of 39, and 35
#: of 46 right ("echo", "endorse", "claim", "report", "reveal" found about half right).
for _verb in "accuse blame praise criticize criticise dismiss describe mention question denounce tout blast slam mock decry chide assail rebuke note acknowledge lament announce reject tweet".split():
    OBJECT_CONTENT_CUES[_verb] = frozenset({""})
#: "spoke [about the legacy of racism]", "spoke [of her ties to the church]": what a
#: speaker spoke about is their report (.83 and .65 on the annotated corpus; "spoke to
#: reporters", "spoke at the rally" .04-.05 report nothing).
OBJECT_CONTENT_CUES["speak"] = frozenset({"about", "of"})
#: Prepositions after the object that belong to the content (see above).
OBJECT_CONTENT_PREPS = frozenset("as for of over".split())
#: Judging verbs that report their object only with such a phrase: "attacked [Clinton
#: for her vote]", "attacked [him as a fraud]" (.69 on the annotated corpus; with a bare
#: object, "attacked Machado", .30; "defended [the plan as ...]" likewise: .60 with the
#: phrase, 6 of 6 new items right on train).
OBJECT_CONTENT_NEEDS_PREP = frozenset({"attack", "defend"})
for _verb in OBJECT_CONTENT_NEEDS_PREP:
    OBJECT_CONTENT_CUES[_verb] = frozenset({""})
#: Run-in labels of a paragraph that name no speaker ("CORRECTION: ...", "UPDATE: ...").
NOT_SPEAKER_LABELS = frozenset(
    ("correction", "corrections", "clarification", "update", "updated", "note", "editor's note", "editor’s note",
     "photo", "photos", "video", "watch", "read more", "related", "source", "sources", "credit", "advertisement",
     "breaking", "exclusive", "analysis", "opinion")
)
#: Verbs of belief: attributions, but not speech; left out of indirect speech.
COGNITION_VERBS = frozenset("think believe feel hope fear expect know understand assume suspect wonder".split())
#: Multi-word cues whose verb alone is not a speech verb: "made it clear", "voiced concerns".
LIGHT_VERB_CUES = {
    "make": {"clear", "plain", "point", "case", "statement", "remark", "comment", "claim", "announcement", "pledge", "promise"},
    "voice": {"concern", "concerns", "support", "opposition", "doubt", "doubts", "fear", "fears", "frustration", "anger"},
    # "expressed [outrage over the test]": an attitude voiced (.86-1.0 on the annotated
    # corpus for these nouns; "expressed a view/opinion/intention" stay out)
    "express": {"concern", "concerns", "support", "hope", "hopes", "regret", "confidence", "doubt", "doubts", "sympathy",
                "condolences", "frustration", "optimism", "dismay", "shock", "alarm", "outrage", "skepticism",
                "scepticism", "disappointment", "reservations", "gratitude", "solidarity", "anger", "remorse",
                "astonishment", "admiration", "unease", "fear", "fears", "worry", "worries", "surprise", "displeasure",
                "disapproval", "approval", "willingness", "desire", "openness", "pessimism", "sadness", "sorrow"},
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
    sheikh emir crown hon honourable rt right magistrate coroner""".split()
)
#: Honorifics that tell a person's gender (all but duke/duchess are nameparser titles too).
MALE_HONORIFICS = frozenset("mr mr. sir lord baron king prince duke father fr brother".split())
FEMALE_HONORIFICS = frozenset("mrs mrs. ms ms. miss dame lady baroness queen princess duchess sister".split())
#: Honorifics that say nothing of gender or office.
NEUTRAL_HONORIFICS = frozenset("mx dr dr. prof professor rev reverend hon rt".split())
#: The one list of honorifics: words before a personal name that are not part of it.
HONORIFICS = frozenset(w.rstrip(".") for w in MALE_HONORIFICS | FEMALE_HONORIFICS | NEUTRAL_HONORIFICS)

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
    unions workers doctors nurses teachers scientists researchers others advocates delegates proponents""".split()
)
#: Nouns of people who can say something but name no role a description would carry
#: over to a named person ("the patient told investigators ...", "a neighbour said").
SPEAKING_PERSON_NOUNS = frozenset(
    """resident physician detective sheriff patient neighbour neighbor relative soldier citizen fan parent
    priest imam rabbi nun monk pastor survivor bystander passenger customer shopper tourist traveller
    traveler motorist commuter advocate delegate proponent""".split()
)
#: Nouns of institutions and works that an apposition may describe inside a speaker's
#: phrase ("Ben Zipper, an economist at the Harwell Center, a liberal think tank"): an
#: apposition of that kind is about the institution, never about the person.
INSTITUTION_NOUNS = frozenset("""tank website magazine journal publication outlet arm division unit program programme
    book institute institution organization organisation group company firm agency network newspaper university
    college school charity foundation association coalition union party committee""".split())
#: Letters after a name that are honours, offices or degrees, not part of the name
#: ("Fiona Clarke KC", "Jane Smith MP", "Sir David Attenborough OM").
POST_NOMINALS = frozenset("KC QC MP MSP MLA MPP MEP MHA MS OBE CBE MBE KBE DBE GBE OM CH FRS PHD".split())
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
    year-old speaker deputy head boss owner investor official aide adviser researcher academic""".split()
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
    parliament senate congress assembly chamber summit forum meeting event website channel station magazine""".split()
)
SOCIAL_MEDIA = frozenset("twitter x facebook instagram tiktok threads bluesky truth linkedin youtube telegram weibo".split())

#: Speech verbs only when used without an object: "she continued", "he began".
INTRANSITIVE_ONLY_VERBS = frozenset("continue begin start put point indicate signal".split())
#: Heads of subjects that can speak: people, groups, organisations.
ANIMATE_ORG_NOUNS = frozenset(
    """government ministry department office party company firm council court committee agency police
    army military union campaign team administration spokesman spokeswoman spokesperson board
    commission parliament congress senate cabinet embassy group organisation organization
    association charity bank regulator authority watchdog newspaper network channel
    airline hospital university school college club league federation institute foundation trust
    studio airport railway utility insurer corporation agency""".split()
)
#: Small words that a Title Case heading leaves in lower case.
TITLE_SMALL_WORDS = frozenset("a an and the of on in at for to with from by or but nor vs".split())
#: Day names: a prepositional phrase on one ("on Monday") dates a cue.
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())

#: Documents that speak for whoever issued them ("according to a White House readout").
DOCUMENT_NOUNS = frozenset("readout statement report release letter memo filing document transcript post tweet".split())
#: Works that speak for whoever put them out, when the text says who did ("Trump released a
#: video that said ...", "The Post ran a piece that noted ..."); alone, they name no one.
ISSUED_WORKS = frozenset("ad advertisement commercial video article piece column editorial op-ed email cover segment".split())
#: Verbs by which a subject puts out a document or work of its own (lemma).
ISSUING_VERBS = frozenset("release run publish issue send email air post produce write file circulate launch unveil "
                          "distribute broadcast put do".split())

# ------------------------------------------------------------------ engagements (stage 5)

#: Event nouns (lemma, lower case) -> event type.
TRIGGER_NOUNS = {
    "call": "call", "phonecall": "call", "conversation": "call",
    "meeting": "meeting", "talk": "meeting", "summit": "meeting", "dinner": "meeting",
    "lunch": "meeting", "breakfast": "meeting", "encounter": "meeting", "sit-down": "meeting",
    "visit": "visit", "trip": "visit",
    "congratulation": "message", "congratulations": "message",
    # a debate between candidates: a face-to-face engagement, but no meeting
    "debate": "other",
}
#: Event verbs (lemma) -> event type.
TRIGGER_VERBS = {
    "call": "call", "phone": "call", "telephone": "call", "ring": "call",
    "speak": "call", "talk": "call",
    # calling by an app: "FaceTimed his gran", "Skyped with her", "Zoomed with the board"
    "facetime": "call", "skype": "call", "zoom": "call", "videocall": "call", "video-call": "call",
    "meet": "meeting", "dine": "meeting", "host": "meeting",
    "visit": "visit",
    "congratulate": "message",
    "debate": "other",
}
#: Verbs whose object is the event noun and whose subject takes part ("had a call", "held talks").
LIGHT_VERBS = frozenset("have hold make place take get receive attend join host conduct arrange enjoy share pay crash".split())
#: Verbs whose subject addresses a gathering named by a meeting noun: "told a meeting of Pacific Island leaders".
ADDRESS_VERBS = frozenset("tell address brief".split())
#: Prepositions that name the other party of an engagement.
PARTY_PREPS = frozenset("with between to from alongside among".split())
#: "spoke by phone with X": the medium's phrase carries the party.
MEDIUM_NOUNS = frozenset("phone telephone videolink video link zoom teams line".split())
#: Heads of a described group that can take part in an engagement ("union leaders",
#: "state officials"); singular heads too, unlike the speaking groups above.
PARTY_GROUP_NOUNS = frozenset(
    """leader official executive delegation member lawmaker legislator senator governor mayor representative
    adviser advisor donor minister diplomat envoy negotiator commander general activist organizer caucus
    committee board union council chief group management leadership team opponent rival""".split()
)
#: Collective nouns that name a group in the singular ("the Texas delegation", "Patriot's management").
COLLECTIVE_NOUNS = frozenset("delegation committee board union council caucus group management leadership team".split())
#: A party that makes the engagement an interview or a press appearance, not an engagement between people.
MEDIA_NOUNS = frozenset(
    """reporter journalist interviewer press newspaper network program programme show magazine podcast radio
    television anchor host audience crowd viewer listener reader columnist correspondent outlet media""".split()
)
#: Heads that make an event below them hypothetical: "looks forward to meeting", "plans to visit".
IRREALIS_HEADS = frozenset(
    """forward hope plan want expect intend aim seek try invite ask propose offer need schedule
    prepare wish like urge refuse block consider request demand seek push pledge promise vow
    decline threaten suggest encourage allow agree set let""".split()
)
#: Modal auxiliaries (as the tokenizer splits them: "'ll", "wo", "ca").
MODALS = frozenset("will would could might may shall should can must 'll wo ca".split())
#: Nouns for "the two men", "the leaders": the pair named just before.
PAIR_NOUNS = frozenset("man woman leader pair two president candidate rival counterpart both".split())
#: Singular nouns of an audience: speaking to one is a speech, not an engagement.
AUDIENCE_NOUNS = frozenset("squad team crowd staff audience class congregation room workforce public nation".split())
#: Pronouns that stand for the pair named just before.
PLURAL_PRONOUNS = frozenset("they them their both".split())
#: Verbs that report what an engagement covered.
TOPIC_VERBS = frozenset("discuss cover address raise review focus touch reflect".split())
#: Verbs that say what their object is with an "as" phrase ("blasted Clinton as a
#: "disgrace"", "branded the plan as "reckless""): with a quoted fragment there, the
#: subject's characterisation.  Verbs of using, appointing or serving ("used the field
#: as a "training ground"", "named her as ...") are not here.
CHARACTERISING_VERBS = frozenset(
    "brand dub label cast portray paint depict characterize characterise present condemn hail rate deride "
    "lambast pound attack hit ridicule rip liken compare equate".split()) | frozenset(OBJECT_CONTENT_CUES) | SPEECH_VERBS
#: Verbs that liken their object to something ("likened the rules to "burning the
#: Constitution""): the "to" phrase is what the subject called it.
LIKENING_VERBS = frozenset("liken compare equate".split())
#: Focus and time adverbs that can open a subject without being part of whom it names
#: ("Even China said", "now the Senate majority leader"); quantity words ("only 52
#: percent", "nearly half") are not here: they are part of the mention.
MENTION_LEADING_ADVERBS = frozenset("even also too now then still again meanwhile however".split())
#: Words that can open a subject's span without naming anyone: those adverbs, "both" of
#: "Both X and Y", and an inverted cue ("Said Ellis:").
MENTION_LEADING_WORDS = MENTION_LEADING_ADVERBS | frozenset("both either neither say says said".split())
#: Words opening a clause of time, cause or condition: a cue in such a clause names the
#: occasion of a quote, not its attribution ('"...," when Clinton blasted him').
CIRCUMSTANCE_WORDS = frozenset("when while after before because since if although though until whenever once".split())
#: The preposition after a topic verb that opens its topics ("focused on X", "talked about X").
TOPIC_VERB_PREPS = {"focus": "on", "touch": "on", "reflect": "on", "talk": "about"}
#: Heads that carry no topic of their own: "the importance of X", "a number of issues including X".
VAGUE_NOUNS = frozenset(
    """importance number range host variety issue issues matter matters area areas situation way need thing
    things topic topics subject subjects question questions significance value lot kind sort rest""".split()
)

#: Head nouns of roles beyond PERSON_NOUNS and the office titles, for the roles shown
#: beside a person ("campaign manager", "civil rights leader"); nouns ending in
#: -er/-or/-ist/-ian/-ant/-ent need not be listed (``speakers.names.clean_role``).
ROLE_HEAD_NOUNS = frozenset(
    """nominee surrogate strategist consultant executive liaison magnate environmentalist chairman chairwoman
    host editor member justice attorney counsel champion striker defender midfielder goalkeeper jockey
    athlete rapper musician comedian chef artist poet pilot nurse surgeon student pupil teenager victim
    suspect witness defendant plaintiff claimant barrister solicitor tenant employee mate widow widower
    scholar activist head chief staff correspondent reporter commentator pundit critic architect
    colleague director friend partner accused""".split()
)
#: Every noun of a role a person holds or is named by ("the Minister for Housing", "his
#: partner at Lenox", "the accused"): a name set off beside one is that person's.
ROLE_NOUNS = PERSON_NOUNS | ROLE_HEAD_NOUNS | SPOKESPERSON_NOUNS | TITLES
#: Abbreviated titles and the role word a description uses for them ("Sen. X" is "the senator").
TITLE_WORDS = {"sen": "senator", "rep": "representative", "gov": "governor", "gen": "general", "col": "colonel",
               "lt": "lieutenant", "sgt": "sergeant", "capt": "captain", "supt": "superintendent", "det": "detective",
               "insp": "inspector", "atty": "attorney", "cmdr": "commander", "adm": "admiral", "amb": "ambassador",
               "prof": "professor", "pres": "president"}
#: Nouns of a relation to another person: "his daughter" is never "he" himself, nor
#: the most salient person; only someone the article gave that relation.
RELATION_NOUNS = frozenset(
    """daughter son wife husband mother father brother sister child children parent parents
    grandson granddaughter grandmother grandfather niece nephew aunt uncle cousin widow widower
    partner fiancee fiance girlfriend boyfriend friend colleague aide adviser advisor lawyer attorney
    doctor spokesman spokeswoman spokesperson boss deputy assistant secretary predecessor successor
    rival opponent ally""".split()
)
#: Heads of descriptions that say a person's gender ("the businessman", "the actress").
MALE_NOUNS = frozenset("man businessman congressman chairman spokesman sportsman father son husband brother boy "
                       "king prince nephew uncle grandfather widower actor".split())
FEMALE_NOUNS = frozenset("woman businesswoman congresswoman chairwoman spokeswoman sportswoman mother daughter wife "
                         "sister girl queen princess niece aunt grandmother widow actress".split())


#: Prepositions that give a light-verb cue's object its content ("concerns about the
#: plan", "support for the bill", "opposition to it"); "with", "in", "at" say to whom or where.
CONTENT_PREPS = frozenset("about over on for to regarding against of".split())
#: Participles that set the occasion of what follows ("Speaking to Times Radio, ...").
OCCASION_VERBS = frozenset("speak talk appear write".split())
#: Written messages sent to someone: "in an email to CBC News" was said to that outlet.
WRITTEN_TO = frozenset("email e-mail letter message note text statement".split())
#: Words that say an interview is being printed.
INTERVIEW_WORDS = frozenset("interview interviews interviewed interviewing".split())
#: Kinds of organisation a description's head and a name's words say: "the company" is
#: never the "Department of Justice", "the hospital" never the "Bureau of ...".
ORG_KINDS = {w: kind for kind, words in {
    "business": "company firm business corporation corp inc ltd plc retailer airline bank carmaker insurer lender "
                "manufacturer chain operator broadcaster network publisher studio supermarket",
    "government": "agency department ministry bureau authority regulator watchdog commission administration government "
                  "office council",
    "education": "university school college institute academy",
    "sport": "team club league",
    "party": "party campaign",
    "health": "hospital clinic",
    "union": "union",
    "court": "court tribunal",
    "charity": "charity foundation",
}.items() for w in words.split()}
#: Nouns that say only that someone is a person: "the woman" is whoever was just
#: introduced, not a role of anyone named.
BARE_PERSON_NOUNS = frozenset("man woman boy girl person".split())
