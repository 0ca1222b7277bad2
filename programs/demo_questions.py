"""The application questions of the five reference programs (demo data)."""

from programs.enums import IntakeChannel, MatchingCriterion, QuestionKind, QuestionRole

K = QuestionKind
M = MatchingCriterion
R = QuestionRole

# Per program key: how each role applies, and the questions beyond the profile fields.
INTAKE = {
    "000": {"mentor_intake": IntakeChannel.CLOSED, "mentee_intake": IntakeChannel.PUBLIC},
    "001": {"mentor_intake": IntakeChannel.CLOSED, "mentee_intake": IntakeChannel.PUBLIC},
    "002": {"mentor_intake": IntakeChannel.NOMINATION, "mentee_intake": IntakeChannel.PUBLIC},
    "003": {"mentor_intake": IntakeChannel.NOMINATION, "mentee_intake": IntakeChannel.NOMINATION},
    "004": {"mentor_intake": IntakeChannel.PUBLIC, "mentee_intake": IntakeChannel.PUBLIC},
}

# How each program matches (DOMAIN.md): 003 pairs people from different agencies; 001
# takes new mentees all the time and matches each by their needs.
MATCHING = {
    "000": {"mode": "coordinator"},
    "001": {"mode": "rolling"},
    "002": {"mode": "coordinator"},
    "003": {"mode": "coordinator", "different_organisation": True},
    "004": {"mode": "coordinator"},
}

QUESTIONS = {
    "000": [
        {
            "role": R.MENTEE,
            "kind": K.MULTIPLE_CHOICE,
            "text_sv": "Vilken eller vilka av programmets målgrupper tillhör du?",
            "text_en": "Which of the program's target groups do you belong to?",
            "help_sv": "Programmet vänder sig till underrepresenterade grupper.",
            "help_en": "The program is for under-represented groups.",
            "required": True,
            "sensitive": True,
            "eligible_answers": [
                "utlandsk-bakgrund",
                "funktionsnedsattning",
                "under-30",
                "over-65",
            ],
            "choices": [
                ("utlandsk-bakgrund", "Utländsk bakgrund", "Foreign background"),
                ("funktionsnedsattning", "Funktionsnedsättning", "Disability"),
                ("under-30", "Under 30 år", "Under 30"),
                ("over-65", "Över 65 år", "Over 65"),
                ("ingen", "Ingen av dessa", "None of these"),
            ],
        },
        {
            "role": R.MENTEE,
            "kind": K.YES_NO,
            "text_sv": "Har du eller vill du ha ett förtroendeuppdrag?",
            "text_en": "Do you hold, or want to hold, elected office?",
            "required": True,
            "eligible_answers": ["yes"],
        },
        {
            "role": R.MENTEE,
            "kind": K.LONG_TEXT,
            "text_sv": (
                "Behöver du anpassningar för att delta, till exempel tillgänglighet eller kost?"
            ),
            "text_en": "Do you need adjustments to take part, such as accessibility or diet?",
            "sensitive": True,
        },
        {
            "role": R.MENTEE,
            "kind": K.LONG_TEXT,
            "text_sv": "Vad vill du utvecklas inom under året?",
            "text_en": "What do you want to develop during the year?",
            "required": True,
            "matching_criterion": M.GOALS,
        },
    ],
    "001": [
        {
            "role": R.MENTEE,
            "kind": K.SINGLE_CHOICE,
            "text_sv": "Vilket uppdrag har du?",
            "text_en": "Which office do you hold?",
            "required": True,
            "eligible_answers": ["kso", "rso", "oppositionsrad"],
            "choices": [
                ("kso", "Kommunstyrelsens ordförande", "Chair of a municipal board"),
                ("rso", "Regionstyrelsens ordförande", "Chair of a regional board"),
                ("oppositionsrad", "Oppositionsråd", "Opposition leader"),
                ("annat", "Annat uppdrag", "Another office"),
            ],
        },
        {
            "role": R.MENTEE,
            "kind": K.LONG_TEXT,
            "text_sv": "Vad behöver du stöd i? Det tar vi upp i telefonmötet.",
            "text_en": "What do you need support with? We talk about it in the phone meeting.",
            "required": True,
            "matching_criterion": M.GOALS,
        },
        {
            "role": R.MENTEE,
            "kind": K.SHORT_TEXT,
            "text_sv": "När passar det att vi ringer dig?",
            "text_en": "When is a good time to call you?",
        },
    ],
    "002": [
        {
            "role": R.MENTOR,
            "kind": K.SINGLE_CHOICE,
            "text_sv": "Vilken är din yrkesroll?",
            "text_en": "What is your profession?",
            "required": True,
            "matching_criterion": M.PROFESSION,
            "eligible_answers": ["economist", "lawyer", "engineer", "social_scientist", "educator"],
            "choices": [
                ("economist", "Ekonom", "Economist"),
                ("lawyer", "Jurist", "Lawyer"),
                ("engineer", "Ingenjör", "Engineer"),
                ("social_scientist", "Samhällsvetare", "Social scientist"),
                ("educator", "Pedagog", "Educator"),
                ("other", "Annan", "Other"),
            ],
        },
        {
            "role": R.MENTOR,
            "kind": K.YES_NO,
            "text_sv": "Talar du både svenska och engelska?",
            "text_en": "Do you speak both Swedish and English?",
            "required": True,
            "eligible_answers": ["yes"],
        },
        {
            "role": R.BOTH,
            "kind": K.MULTIPLE_CHOICE,
            "text_sv": "Vilka dagar passar för träffar?",
            "text_en": "Which days suit you for meetings?",
            "matching_criterion": M.AVAILABILITY,
            "choices": [
                ("mon", "Måndag", "Monday"),
                ("tue", "Tisdag", "Tuesday"),
                ("wed", "Onsdag", "Wednesday"),
                ("thu", "Torsdag", "Thursday"),
                ("fri", "Fredag", "Friday"),
            ],
        },
        {
            "role": R.MENTOR,
            "kind": K.FILE,
            "text_sv": "Ditt CV (PDF)",
            "text_en": "Your CV (PDF)",
        },
    ],
    "003": [
        {
            "role": R.MENTOR,
            "kind": K.NUMBER,
            "text_sv": "Hur många år har du varit chef med personalansvar?",
            "text_en": "How many years have you been a manager with staff responsibility?",
            "required": True,
            "eligible_minimum": 5,
            "matching_criterion": M.EXPERIENCE,
        },
        {
            "role": R.MENTEE,
            "kind": K.NUMBER,
            "text_sv": "Hur många år har du arbetat i ett kvalificerat sammanhang?",
            "text_en": "How many years of qualified work do you have?",
            "required": True,
            "eligible_minimum": 5,
            "matching_criterion": M.EXPERIENCE,
        },
        {
            "role": R.BOTH,
            "kind": K.NUMBER,
            "text_sv": "Hur många av dem i statsförvaltningen?",
            "text_en": "How many of them in government?",
            "required": True,
            "eligible_minimum": 2,
        },
        {
            "role": R.MENTEE,
            "kind": K.LONG_TEXT,
            "text_sv": "Vad vill du arbeta med under programmet?",
            "text_en": "What do you want to work on during the program?",
            "required": True,
            "matching_criterion": M.GOALS,
        },
    ],
    "004": [
        {
            "role": R.MENTEE,
            "kind": K.LONG_TEXT,
            "text_sv": "Beskriv din affärsidé",
            "text_en": "Describe your business idea",
            "required": True,
            "matching_criterion": M.GOALS,
        },
        {
            "role": R.MENTEE,
            "kind": K.SINGLE_CHOICE,
            "text_sv": "Hur långt har du kommit?",
            "text_en": "How far have you come?",
            "required": True,
            "choices": [
                ("ide", "Jag har en idé", "I have an idea"),
                ("nystartat", "Nystartat, under två år", "Started, under two years"),
                ("etablerat", "Etablerat företag", "An established business"),
            ],
        },
        {
            "role": R.BOTH,
            "kind": K.MULTIPLE_CHOICE,
            "text_sv": "Områden (för adepter: där du vill ha stöd; för mentorer: dina styrkor)",
            "text_en": "Areas (mentees: where you want support; mentors: your strengths)",
            "matching_criterion": M.COMPETENCE_AREAS,
            "choices": [
                ("affarsplan", "Affärsplan", "Business plan"),
                ("finansiering", "Finansiering", "Financing"),
                ("marknadsforing", "Marknadsföring", "Marketing"),
                ("forsaljning", "Försäljning", "Sales"),
                ("rekrytering", "Rekrytering", "Recruitment"),
                ("export", "Export", "Export"),
            ],
        },
        {
            "role": R.MENTOR,
            "kind": K.NUMBER,
            "text_sv": "Hur många år har du drivit företag?",
            "text_en": "How many years have you run a business?",
            "required": True,
            "matching_criterion": M.EXPERIENCE,
        },
    ],
}
