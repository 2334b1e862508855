"""Words for the demo network: organisations, jobs, tags, interests, and the phrases of summaries and notes."""

from __future__ import annotations

# Organisation names: made-up, built from two halves ("Bright" + "quay") and a kind of business.
ORG_FIRST = (
    "Bright", "North", "Blue", "Silver", "Iron", "Cedar", "Lumen", "Harbor", "Quartz", "Copper", "Maple", "Orbit",
    "Nimbus", "Atlas", "Beacon", "Kestrel", "Juniper", "Granite", "Saffron", "Tidal", "Verdant", "Solstice",
    "Ember", "Aurora", "Cobalt", "Meridian", "Paper", "Falcon", "Willow", "Summit", "Pioneer", "Coral", "Lantern",
    "Hollow", "Vanta", "Oak", "Fern", "Pixel", "Signal", "Arbor", "Crescent", "Delta", "Echo", "Fjord", "Helix",
    "Indigo", "Jade", "Kite", "Lark", "Mosaic", "Nova", "Onyx", "Prism", "Quill", "Ridge", "Sable", "Terra",
    "Umber", "Vela", "Wren", "Zephyr", "Amber", "Basalt", "Cinder", "Dune", "Ever", "Flint", "Grove", "Halo",
)
ORG_SECOND = (
    "stone", "field", "bridge", "works", "light", "path", "wave", "peak", "gate", "line", "forge", "bay", "mark",
    "point", "side", "leaf", "wind", "vale", "star", "brook", "mill", "crest", "haven", "loop", "shift", "spring",
    "stack", "grid", "port", "yard", "cast", "fold", "form", "hive", "labs", "mint",
)
ORG_BUSINESS = (
    "Analytics", "Health", "Robotics", "Payments", "Logistics", "Energy", "Software", "Bio", "Labs", "Systems",
    "Capital", "Ventures", "Studio", "Media", "Foods", "Mobility", "Security", "Insurance", "Learning", "AI",
    "Cloud", "Consulting", "Partners", "Games", "Materials", "Networks", "Pharma", "Retail", "Travel", "Design",
    "", "", "", "",
)
FIELDS = (
    "Data Science", "Product Management", "UX", "Python", "Rust", "Climate Tech", "Fintech", "Open Source",
    "Machine Learning", "Design Systems", "DevOps", "Health Tech", "Women in Tech", "Founders", "Security",
    "Robotics", "Venture", "Growth Marketing", "Engineering Leadership", "Frontend",
)
ASSOCIATION_FORMS = (
    "{country} {field} Association", "Society of {field} Professionals", "{city} {field} Guild",
    "{field} Alliance {country}", "International {field} Council",
)
COMMUNITY_FORMS = ("{city} {field} Meetup", "{field} {city}", "{city} {field} Collective", "{field} Circle {city}")
SCHOOL_FORMS = (
    "University of {city}", "{city} Institute of Technology", "{city} Business School", "{city} School of Design",
    "Technical University of {city}", "{city} School of Economics",
)

# Jobs: a function, its role nouns, and the expertise people in it tend to have.
FUNCTIONS: dict[str, dict] = {
    "engineering": {
        "weight": 26,
        "roles": ("Software Engineer", "Backend Engineer", "Frontend Engineer", "Site Reliability Engineer",
                  "Platform Engineer", "Mobile Engineer", "Data Engineer", "Security Engineer"),
        "head": "Engineering",
        "expertise": ("Python", "Kubernetes", "PostgreSQL", "Rust", "Go", "React", "TypeScript", "distributed systems",
                      "AWS", "security", "observability", "iOS", "Android", "data engineering", "Django"),
    },
    "data": {
        "weight": 9,
        "roles": ("Data Scientist", "Machine Learning Engineer", "Data Analyst", "Research Scientist",
                  "Analytics Engineer"),
        "head": "Data",
        "expertise": ("machine learning", "statistics", "NLP", "computer vision", "causal inference", "SQL",
                      "forecasting", "LLMs", "experimentation"),
    },
    "product": {
        "weight": 9,
        "roles": ("Product Manager", "Product Owner", "Technical Product Manager", "Growth Product Manager"),
        "head": "Product",
        "expertise": ("product strategy", "user research", "pricing", "roadmapping", "B2B SaaS", "marketplaces",
                      "experimentation"),
    },
    "design": {
        "weight": 7,
        "roles": ("Product Designer", "UX Researcher", "UX Designer", "Brand Designer", "Content Designer"),
        "head": "Design",
        "expertise": ("design systems", "user research", "accessibility", "brand design", "illustration",
                      "service design", "Figma"),
    },
    "sales": {
        "weight": 10,
        "roles": ("Account Executive", "Sales Manager", "Solutions Engineer", "Business Development Manager",
                  "Customer Success Manager"),
        "head": "Sales",
        "expertise": ("B2B sales", "enterprise sales", "partnerships", "negotiation", "customer success",
                      "sales operations"),
    },
    "marketing": {
        "weight": 8,
        "roles": ("Marketing Manager", "Growth Marketer", "Content Strategist", "Community Manager",
                  "Product Marketing Manager"),
        "head": "Marketing",
        "expertise": ("growth marketing", "SEO", "content strategy", "community building", "brand strategy",
                      "public relations", "developer relations"),
    },
    "finance": {
        "weight": 6,
        "roles": ("Financial Analyst", "Controller", "Finance Manager", "Investment Associate", "Accountant"),
        "head": "Finance",
        "expertise": ("fundraising", "financial modelling", "venture capital", "tax", "M&A", "accounting"),
    },
    "people": {
        "weight": 5,
        "roles": ("Recruiter", "Talent Partner", "People Partner", "HR Business Partner"),
        "head": "People",
        "expertise": ("hiring", "employer branding", "compensation", "coaching", "organisational design"),
    },
    "operations": {
        "weight": 6,
        "roles": ("Operations Manager", "Program Manager", "Supply Chain Analyst", "Project Manager"),
        "head": "Operations",
        "expertise": ("supply chain", "logistics", "program management", "procurement", "lean"),
    },
    "legal": {
        "weight": 3,
        "roles": ("Legal Counsel", "Privacy Counsel", "Paralegal", "Compliance Officer"),
        "head": "Legal",
        "expertise": ("GDPR", "contract law", "employment law", "intellectual property", "compliance"),
    },
    "research": {
        "weight": 5,
        "roles": ("Postdoctoral Researcher", "Research Fellow", "Lecturer", "Associate Professor", "Professor"),
        "head": "Research",
        "expertise": ("network science", "bioinformatics", "public policy", "economics", "climate science",
                      "human-computer interaction", "epidemiology"),
    },
    "founder": {
        "weight": 6,
        "roles": ("Founder", "Co-founder & CTO", "Founder & CEO", "Co-founder", "Managing Partner"),
        "head": "",
        "expertise": ("fundraising", "hiring", "go-to-market", "product strategy", "venture capital",
                      "public speaking"),
    },
}
SENIORITY = ("Junior {role}", "{role}", "Senior {role}", "Lead {role}", "Head of {head}", "Director of {head}",
             "VP of {head}")
COMMUNITY_ROLES = ("Member", "Organiser", "Board Member", "Volunteer", "Treasurer", "Mentor", "Speaker")

TAGS = (
    "former colleague", "investor", "founder", "recruiter", "client", "university friend", "conference speaker",
    "neighbour", "hiring manager", "angel investor", "journalist", "podcast guest", "open source maintainer",
    "board member", "alumni", "potential cofounder", "advisor", "supplier", "partner", "family friend",
    "book club", "climbing buddy", "ex-manager", "referral", "VIP",
)
INTERESTS = (
    "climbing", "jazz", "sourdough", "chess", "running", "photography", "science fiction", "birdwatching",
    "football", "cycling", "yoga", "natural wine", "board games", "Formula 1", "poetry", "surfing", "cooking",
    "gardening", "hiking", "tennis", "podcasts", "vinyl records", "travel", "specialty coffee", "sailing",
    "skiing", "volunteering", "theatre", "anime", "woodworking", "languages", "history", "architecture",
    "basketball", "meditation", "crossfit", "kayaking", "astronomy", "fado", "K-pop", "cricket", "calligraphy",
)

TOPICS = (
    "the Series A", "hiring a staff engineer", "moving to Berlin", "their PhD thesis", "pricing strategy",
    "a side project in Rust", "the conference talk", "open-source licensing", "parental leave",
    "a career change into product", "their podcast", "a board seat", "the reorg", "remote work",
    "a new job offer", "angel investing", "the product launch", "burnout", "learning Japanese",
    "the marathon training", "an intro to their CTO", "a speaking slot", "the book they are writing",
    "GDPR questions", "a consulting gig", "the accelerator application", "team offsites", "salary bands",
    "the migration to Kubernetes", "LLM evaluation", "the climate fund", "design critiques",
    "a mentoring programme", "their sabbatical", "the house move", "visa paperwork", "a grant proposal",
    "the hackathon", "customer interviews", "a partnership", "the due diligence", "their newsletter",
    "on-call rotations", "the wedding", "the new baby", "a co-working space", "the quarterly plan",
)
PLACES = (
    "the café near their office", "the conference venue", "the co-working space", "their office", "the park",
    "the train station", "a ramen place", "the book shop café", "the rooftop bar", "the farmers' market",
)
MILESTONES = (
    "the new job", "the promotion", "the launch", "the funding round", "the paper acceptance", "the new baby",
    "the wedding", "the award", "the book deal", "finishing the marathon", "the new flat",
)
EVENT_FORMS = (
    "{city} {field} Summit {year}", "{field} Meetup {city} #{n}", "{field}Conf {year}", "{city} Tech Week {year}",
    "{field} Day {city} {year}", "{org} Annual Gathering {year}", "{field} Breakfast {city}",
    "Founders Dinner {city}", "{field} Unconference {year}",
)

MET_HOW = (
    "Worked together at {past_org}.", "Met at a {field} meetup in {city}.", "University friends from {city}.",
    "Friend of a friend; we met at a birthday party in {city}.", "Reached out on LinkedIn about {topic}.",
    "Neighbours in {city} for a couple of years.", "Sat next to each other on a flight to {city}.",
    "Same five-a-side football team.", "Met through the {community} community.",
    "Conference dinner in {city}; talked about {topic} until midnight.", "Our kids go to the same school.",
    "Cold email about {topic} that turned into a long coffee.", "Both volunteered at a {field} workshop.",
)
PERSON_NOTES = (
    "Loves {interest}. Ask about {topic}.", "Two kids. Vegetarian. Prefers WhatsApp over email.",
    "Very generous with intros; knows everyone in {expertise}.", "Thinking about moving to {city}.",
    "Helped me a lot with {topic}; I owe them one.", "Prefers mornings; don't call after 6pm.",
    "Wants to move into {expertise}; keep an eye out for roles.", "Big {interest} fan. Birthday dinner tradition.",
    "Writes a newsletter on {expertise}. Worth reading.", "Looking for a co-founder with a {expertise} background.",
    "Allergic to nuts. Drinks tea, not coffee.", "Was my manager for two years; still my go-to for advice.",
)
INTERACTION_NOTES = (
    "Follow up in a month.", "Promised to send the deck.", "Wants an intro to someone in {expertise}.",
    "They are hiring: two roles in {expertise}.", "Good energy; suggested we meet again in {city}.",
    "Asked about my plans for next year.", "Recommended a book on {expertise}.",
    "Owes me a reply about {topic}.", "Send them the article on {topic}.",
    "Kids are fine; new flat is great.", "Mentioned they might leave their job in the spring.",
)
