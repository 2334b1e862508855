"""Which column of a contacts CSV holds what: Google's two layouts, Outlook's and Thunderbird's exports in
English, German and French, and guesses for any other file.

A column's destination is a `Target`: a person field (`given_name`, `emails`, ...), an address part
(`street`, `locality`, ...), a birthday part, or a few special ones (`display_fallback`, `netweave:*`).
Columns with no target keep their value in `extra["csv"]`. The maps were written from the header
lists Outlook, Thunderbird and Google write (see realdata/csv/CSV_FORMATS.md); localised Outlook
files repeat some names (French Thunderbird has "Ville" for home and work), so a map value may be a list:
the first column of that name gets the first target, the second the second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from netweave.people.normalize import clean_text, fold

# What a generic mapping may send a column to ("" keeps it only in extra["csv"]). A list field or an
# address part may carry a label after a colon: "phones:mobile", "street:work".
MAPPING_FIELDS = (
    "display_name", "prefix", "given_name", "middle_name", "family_name", "suffix", "nickname", "pronouns",
    "emails", "phones", "urls", "organisation", "title", "birthday", "birthday_year", "birthday_month",
    "birthday_day", "notes", "tags", "interests", "expertise", "location", "met_how",
    "street", "locality", "region", "postcode", "country", "po_box", "extended", "",
)
ADDRESS_PARTS = ("street", "locality", "region", "postcode", "country", "po_box", "extended")
LABELLED = ("emails", "phones", "urls") + ADDRESS_PARTS


@dataclass(frozen=True)
class Target:
    field: str
    label: str = ""
    label_col: int | None = None  # the column whose cell is this value's label (Google's "E-mail 1 - Label")
    group: str | None = None  # which address a part belongs to; defaults to the label


def parse_spec(spec: str, label_col: int | None = None, group: str | None = None) -> Target | None:
    if not spec:
        return None
    field, _, label = spec.partition(":")
    return Target(field, label, label_col, group)


def header_key(header: str) -> str:
    return clean_text(header).replace("’", "'").casefold()


# ------------------------------------------------------------------------------------------- Outlook

OUTLOOK_EN = {
    "Title": "prefix", "First Name": "given_name", "Middle Name": "middle_name", "Last Name": "family_name",
    "Suffix": "suffix", "Nickname": "nickname", "Display Name": "display_name", "Company": "organisation",
    "Job Title": "title", "Birthday": "birthday", "Categories": "tags", "Notes": "notes", "Web Page": "urls",
    "Personal Web Page": "urls:personal",
    "E-mail Address": "emails", "E-mail 2 Address": "emails", "E-mail 3 Address": "emails",
    "Assistant's Phone": "phones:assistant", "Business Fax": "phones:work fax", "Business Phone": "phones:work",
    "Business Phone 2": "phones:work", "Callback": "phones:callback", "Car Phone": "phones:car",
    "Company Main Phone": "phones:company", "Home Fax": "phones:home fax", "Home Phone": "phones:home",
    "Home Phone 2": "phones:home", "ISDN": "phones:isdn", "Mobile Phone": "phones:mobile",
    "Other Fax": "phones:other fax", "Other Phone": "phones:other", "Pager": "phones:pager",
    "Primary Phone": "phones:main", "Radio Phone": "phones:radio", "TTY/TDD Phone": "phones:tty",
    "Telex": "phones:telex",
    "Business Street": "street:work", "Business Street 2": "street:work", "Business Street 3": "street:work",
    "Business City": "locality:work", "Business State": "region:work", "Business Postal Code": "postcode:work",
    "Business Country/Region": "country:work", "Business Country": "country:work",
    "Business Address PO Box": "po_box:work",
    "Home Street": "street:home", "Home Street 2": "street:home", "Home Street 3": "street:home",
    "Home City": "locality:home", "Home State": "region:home", "Home Postal Code": "postcode:home",
    "Home Country/Region": "country:home", "Home Address PO Box": "po_box:home",
    "Other Street": "street:other", "Other Street 2": "street:other", "Other Street 3": "street:other",
    "Other City": "locality:other", "Other State": "region:other", "Other Postal Code": "postcode:other",
    "Other Country/Region": "country:other", "Other Address PO Box": "po_box:other",
    # Thunderbird
    "Primary Email": "emails", "Secondary Email": "emails", "Work Phone": "phones:work",
    "Fax Number": "phones:fax", "Pager Number": "phones:pager", "Mobile Number": "phones:mobile",
    "Home Address": "street:home", "Home Address 2": "street:home", "Home ZipCode": "postcode:home",
    "Home Country": "country:home", "Work Address": "street:work", "Work Address 2": "street:work",
    "Work City": "locality:work", "Work State": "region:work", "Work ZipCode": "postcode:work",
    "Work Country": "country:work", "Organization": "organisation", "Web Page 1": "urls", "Web Page 2": "urls",
    "Birth Year": "birthday_year", "Birth Month": "birthday_month", "Birth Day": "birthday_day",
    # Roundcube's own export and Atmail's, which Roundcube's maps also read
    "Email Home": "emails:home", "Email Work": "emails:work", "Email Other": "emails:other", "Email": "emails",
    "Home Mobile": "phones:mobile", "Work Mobile": "phones:work mobile", "Work Fax": "phones:work fax",
    "Phone Video": "phones:video", "Home Zip": "postcode:home", "Work Zip": "postcode:work",
    "Work Company": "organisation", "Work Title": "title", "Date of Birth": "birthday", "Info": "notes",
    "URL": "urls", "Website Blog": "urls:blog", "Website Home Page": "urls:homepage", "Website Other": "urls:other",
    "Website Profile": "urls:profile", "Website Work": "urls:work", "Group": "tags", "Groups": "tags",
}

OUTLOOK_DE = {
    "Titel": "prefix", "Vorname": "given_name", "Weitere Vornamen": "middle_name", "Nachname": "family_name",
    "Suffix": "suffix", "Firma": "organisation", "Position": "title", "Kategorien": "tags", "Notizen": "notes",
    "Webseite": "urls", "Geburtstag": "birthday",  # Thunderbird's German "Geburtstag" is the day; see csvfiles
    "E-Mail-Adresse": "emails", "E-Mail 2: Adresse": "emails", "E-Mail 3: Adresse": "emails",
    "Telefon Assistent": "phones:assistant", "Fax geschäftlich": "phones:work fax",
    "Telefon geschäftlich": "phones:work", "Telefon geschäftlich 2": "phones:work", "Rückmeldung": "phones:callback",
    "Autotelefon": "phones:car", "Telefon Firma": "phones:company", "Fax privat": "phones:home fax",
    "Telefon privat": "phones:home", "Telefon privat 2": "phones:home", "ISDN": "phones:isdn",
    "Mobiltelefon": "phones:mobile", "Mobiltelefon 2": "phones:mobile", "Weiteres Fax": "phones:other fax",
    "Weiteres Telefon": "phones:other", "Pager": "phones:pager", "Haupttelefon": "phones:main",
    "Telex": "phones:telex",
    "Straße geschäftlich": "street:work", "Straße geschäftlich 2": "street:work",
    "Straße geschäftlich 3": "street:work",
    "Ort geschäftlich": "locality:work", "Region geschäftlich": "region:work",
    "Bundesland/Kanton geschäftlich": "region:work", "Postleitzahl geschäftlich": "postcode:work",
    "Land geschäftlich": "country:work", "Land/Region geschäftlich": "country:work",
    "Postfach geschäftlich": "po_box:work",
    "Straße privat": "street:home", "Straße privat 2": "street:home", "Straße privat 3": "street:home",
    "Ort privat": "locality:home", "Region privat": "region:home", "Bundesland/Kanton privat": "region:home",
    "Postleitzahl privat": "postcode:home", "Land privat": "country:home", "Land/Region privat": "country:home",
    "Postfach privat": "po_box:home",
    "Weitere Straße": "street:other", "Weitere Straße 2": "street:other", "Weitere Straße 3": "street:other",
    "Weiterer Ort": "locality:other", "Weitere Region": "region:other",
    "Weiteres/r Bundesland/Kanton": "region:other", "Weitere Postleitzahl": "postcode:other",
    "Weiteres Land": "country:other", "Weiteres/e Land/Region": "country:other", "Weiteres Postfach": "po_box:other",
    # Thunderbird
    "Anzeigename": "display_name", "Spitzname": "nickname", "Primäre E-Mail-Adresse": "emails",
    "Sekundäre E-Mail-Adresse": "emails", "Tel. dienstlich": "phones:work", "Tel. privat": "phones:home",
    "Fax-Nummer": "phones:fax", "Pager-Nummer": "phones:pager", "Mobil-Tel.-Nr.": "phones:mobile",
    "Privat: Adresse": "street:home", "Privat: Adresse 2": "street:home", "Privat: Ort": "locality:home",
    "Privat: Bundesland": "region:home", "Privat: PLZ": "postcode:home", "Privat: Land": "country:home",
    "Dienstlich: Adresse": "street:work", "Dienstlich: Adresse 2": "street:work", "Dienstlich: Ort": "locality:work",
    "Dienstlich: Bundesland": "region:work", "Dienstlich: PLZ": "postcode:work", "Dienstlich: Land": "country:work",
    "Arbeitstitel": "title", "Organisation": "organisation", "Webseite 1": "urls", "Webseite 2": "urls",
    "Geburtsjahr": "birthday_year", "Geburtsmonat": "birthday_month",
}

OUTLOOK_FR = {
    # French Outlook names the name title and the job title both "Titre", in that order.
    "Titre": ["prefix", "title"], "Prénom": "given_name", "Deuxième prénom": "middle_name", "Nom": "family_name",
    "Suffixe": "suffix", "Surnom": "nickname", "Société": "organisation", "Profession": "title",
    "Fonction": "title", "Anniversaire": "birthday", "Catégories": "tags", "Notes": "notes", "Page Web": "urls",
    "Adresse de messagerie": "emails", "Adresse de messagerie 2": "emails", "Adresse de messagerie 3": "emails",
    "Téléphone de l'assistant(e)": "phones:assistant", "Télécopie (bureau)": "phones:work fax",
    "Téléphone (bureau)": "phones:work", "Téléphone 2 (bureau)": "phones:work", "Rappel": "phones:callback",
    "Téléphone (voiture)": "phones:car", "Téléphone société": "phones:company",
    "Télécopie (domicile)": "phones:home fax", "Téléphone (domicile)": "phones:home",
    "Téléphone 2 (domicile)": "phones:home", "RNIS": "phones:isdn", "Tél. mobile": "phones:mobile",
    "Télécopie (autre)": "phones:other fax", "Téléphone (autre)": "phones:other",
    "Récepteur de radiomessagerie": "phones:pager", "Téléphone principal": "phones:main", "Télex": "phones:telex",
    "Rue (bureau)": "street:work", "Rue (bureau) 2": "street:work", "Rue (bureau) 3": "street:work",
    "Ville (bureau)": "locality:work", "Dép/Région (bureau)": "region:work", "Code postal (bureau)": "postcode:work",
    "Pays/Région (bureau)": "country:work", "B.P. (bureau)": "po_box:work",
    "Rue (domicile)": "street:home", "Rue (domicile) 2": "street:home", "Rue (domicile) 3": "street:home",
    "Ville (domicile)": "locality:home", "Dép/Région (domicile)": "region:home",
    "Code postal (domicile)": "postcode:home", "Pays/Région (domicile)": "country:home",
    "B.P. (domicile)": "po_box:home",
    "Rue (autre)": "street:other", "Rue (autre) 2": "street:other", "Rue (autre) 3": "street:other",
    "Ville (autre)": "locality:other", "Dép/Région (autre)": "region:other", "Code postal (autre)": "postcode:other",
    "Pays/Région (autre)": "country:other",
    # Thunderbird: home and work address columns share their names, home first.
    "Nom à afficher": "display_name", "Adresse électronique principale": "emails",
    "Adresse électronique secondaire": "emails", "Tél. professionnel": "phones:work",
    "Tél. personnel": "phones:home", "Fax": "phones:fax", "Portable": "phones:mobile",
    "Adresse privée": "street:home", "Adresse privée 2": "street:home",
    "Adresse professionnelle": "street:work", "Adresse professionnelle 2": "street:work",
    "Ville": ["locality:home", "locality:work"], "Région": ["region:home", "region:work"],
    "État/Province": ["region:home", "region:work"], "Code postal": ["postcode:home", "postcode:work"],
    "Pays": ["country:home", "country:work"], "Site Web 1": "urls", "Site Web 2": "urls",
    "Année de naissance": "birthday_year", "Mois": "birthday_month", "Jour": "birthday_day",
}

OUTLOOK = {header_key(k): v for m in (OUTLOOK_EN, OUTLOOK_DE, OUTLOOK_FR) for k, v in m.items()}
# Headers only a German or French file has: their dates are day first (20.01.1991, 20/01/1991).
DAY_FIRST = {header_key(k) for k in (*OUTLOOK_DE, *OUTLOOK_FR)} - {header_key(k) for k in OUTLOOK_EN}


def outlook_targets(headers: list[str]) -> list[Target | None]:
    seen: dict[str, int] = {}
    targets = []
    for header in headers:
        key = header_key(header)
        spec = OUTLOOK.get(key, "")
        if isinstance(spec, list):
            n = seen[key] = seen.get(key, -1) + 1
            spec = spec[n] if n < len(spec) else ""
        targets.append(parse_spec(spec))
    return targets


def outlook_score(headers: list[str]) -> int:
    return sum(1 for h in headers if header_key(h) in OUTLOOK)


# -------------------------------------------------------------------------------------------- Google

GOOGLE_SIMPLE = {
    # legacy "Google CSV"
    "Name": "display_name", "Given Name": "given_name", "Additional Name": "middle_name",
    "Family Name": "family_name", "Name Prefix": "prefix", "Name Suffix": "suffix", "Nickname": "nickname",
    "Birthday": "birthday", "Notes": "notes", "Group Membership": "tags", "Location": "location",
    # current Google Contacts export
    "First Name": "given_name", "Middle Name": "middle_name", "Last Name": "family_name",
    "Organization Name": "organisation", "Organization Title": "title", "Labels": "tags",
    "File As": "display_fallback",
}
GOOGLE_NUMBERED = re.compile(r"^(E-mail|Phone|Address|Website|Organization) (\d+) - (.+)$")
GOOGLE_PARTS = {
    ("E-mail", "Value"): "emails", ("Phone", "Value"): "phones", ("Website", "Value"): "urls",
    ("Organization", "Name"): "organisation", ("Organization", "Title"): "title",
    ("Address", "Street"): "street", ("Address", "City"): "locality", ("Address", "PO Box"): "po_box",
    ("Address", "Region"): "region", ("Address", "Postal Code"): "postcode", ("Address", "Country"): "country",
    ("Address", "Extended Address"): "extended", ("Address", "Formatted"): "formatted",
}
# Columns netweave's own CSV export adds for what Google has no column for (exchange/csv_writer.py).
NETWEAVE_COLUMNS = {
    "netweave Display Name": "display_name", "netweave Pronouns": "pronouns", "netweave Location": "location",
    "netweave How We Met": "met_how", "netweave Interests": "interests", "netweave Expertise": "expertise",
    "netweave Circle": "netweave:circle", "netweave Archived": "netweave:archived",
    "netweave Job History": "netweave:affiliations", "netweave ID": "netweave:id", "netweave Extra": "netweave_extra",
}
GOOGLE_MARKS = {"given name", "family name", "organization name", "file as", "labels", "group membership"}


def google_targets(headers: list[str]) -> list[Target | None]:
    keys = [header_key(h) for h in headers]
    labels = {}  # (kind, n) -> index of its Type/Label column
    for i, header in enumerate(headers):
        m = GOOGLE_NUMBERED.match(clean_text(header))
        if m and m.group(3) in ("Type", "Label"):
            labels[(m.group(1), m.group(2))] = i
    simple = {header_key(k): v for k, v in {**GOOGLE_SIMPLE, **NETWEAVE_COLUMNS}.items()}
    targets: list[Target | None] = []
    for i, header in enumerate(headers):
        m = GOOGLE_NUMBERED.match(clean_text(header))
        if m:
            kind, n, part = m.groups()
            if part in ("Type", "Label"):
                targets.append(Target("_label"))
                continue
            field = GOOGLE_PARTS.get((kind, part), "")
            group = f"{kind} {n}" if kind == "Address" else None
            targets.append(parse_spec(field, labels.get((kind, n)), group))
        else:
            targets.append(parse_spec(simple.get(keys[i], "")))
    return targets


def is_google(headers: list[str]) -> bool:
    keys = {header_key(h) for h in headers}
    numbered = any(GOOGLE_NUMBERED.match(clean_text(h)) for h in headers)
    return numbered or len(keys & GOOGLE_MARKS) >= 2 or "netweave id" in keys


# ------------------------------------------------------------------------------------------ guessing

_GUESS_WORDS = {
    "display_name": "name fullname displayname contactname formattedname anzeigename nomaafficher",
    "given_name": "firstname givenname first forename vorname prenom",
    "middle_name": "middlename additionalname middle weiterevornamen deuxiemeprenom",
    "family_name": "lastname familyname surname last nachname nom",
    "prefix": "nameprefix prefix salutation anrede",
    "suffix": "namesuffix suffix suffixe",
    "nickname": "nickname nick spitzname surnom",
    "pronouns": "pronouns pronoun",
    "organisation": "company organization organisation org employer companyname organizationname firma societe",
    "title": "jobtitle title position role organizationtitle fonction profession",
    "birthday": "birthday birthdate dateofbirth dob bday geburtstag geburtsdatum anniversaire",
    "notes": "notes note comments comment description notizen remarks memo",
    "tags": "tags tag labels groups group categories category groupmembership kategorien",
    "interests": "interests",
    "expertise": "expertise skills",
    "location": "location",
    "street": "street address streetaddress address1 addressline1 addressline2 strasse rue adresse",
    "locality": "city town locality ort ville",
    "region": "state province region county bundesland",
    "postcode": "zip zipcode postcode postalcode plz postleitzahl codepostal",
    "country": "country countryregion land pays",
    "urls": "url website web webpage homepage site linkedin linkedinurl profile profileurl blog",
    "emails": "email emailaddress mail",
    "phones": "phone telephone tel mobile cell cellphone mobilephone phonenumber telefon handy portable fax pager",
}
GUESS = {word: field for field, words in _GUESS_WORDS.items() for word in words.split()}
_CONTAINS = (("email", "emails"), ("address", "street"), ("mail", "emails"), ("phone", "phones"), ("telef", "phones"),
             ("mobil", "phones"), ("fax", "phones"), ("website", "urls"), ("url", "urls"))
_NOT_A_VALUE = ("type", "label", "displayname", "angezeigtername")
LABEL_WORDS = (
    ("linkedin", "linkedin"), ("twitter", "twitter"), ("github", "github"), ("blog", "blog"),
    ("homepage", "homepage"), ("fax", "fax"), ("telecopie", "fax"), ("mobil", "mobile"), ("cell", "mobile"),
    ("handy", "mobile"), ("portable", "mobile"), ("pager", "pager"), ("radiomessagerie", "pager"),
    ("car", "car"), ("auto", "car"), ("voiture", "car"), ("assistant", "assistant"), ("assistent", "assistant"),
    ("work", "work"), ("business", "work"), ("office", "work"), ("geschaftlich", "work"), ("dienstlich", "work"),
    ("bureau", "work"), ("professionnel", "work"), ("home", "home"), ("privat", "home"), ("personal", "home"),
    ("domicile", "home"), ("personnel", "home"), ("other", "other"), ("weitere", "other"), ("autre", "other"),
)


def _squash(header: str) -> str:
    return re.sub(r"[^0-9a-z]", "", fold(header))


def derive_label(header: str) -> str:
    """A label read from a column's name: "Mobile Phone" -> mobile, "Fax privat" -> home fax."""
    key = _squash(header)
    found = [label for word, label in LABEL_WORDS if word in key]
    if not found:
        return ""
    if found[0] == "fax":
        place = next((f for f in found[1:] if f in ("home", "work", "other")), "")
        return f"{place} fax".strip()
    return found[0]


def guess_field(header: str) -> str:
    key = header_key(header)
    if key == "title":
        return "title"  # Outlook's "Title" is a name prefix, but in most files it is a job; see guess_mapping
    spec = OUTLOOK.get(key) or GOOGLE_SIMPLE.get(clean_text(header)) or NETWEAVE_COLUMNS.get(clean_text(header))
    if isinstance(spec, list):
        spec = spec[0]
    if spec:
        field = spec.partition(":")[0]
        return field if field in MAPPING_FIELDS else ""
    m = GOOGLE_NUMBERED.match(clean_text(header))
    if m:
        field = GOOGLE_PARTS.get((m.group(1), m.group(3)), "")
        return field if field in MAPPING_FIELDS else ""
    squashed = _squash(header)
    if squashed in GUESS:
        return GUESS[squashed]
    bare = re.sub(r"\d+$", "", squashed)  # "email2", "phone1"
    if bare in GUESS:
        return GUESS[bare]
    if any(word in squashed for word in _NOT_A_VALUE):
        return ""
    return next((field for word, field in _CONTAINS if word in squashed), "")


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """A first guess at where each column goes, for every header (unknown ones map to "", kept in extra).

    "Title" is a job title unless the file also has a job-title column, as Outlook's does."""
    mapping = {h: guess_field(h) for h in headers}
    titles = [h for h, f in mapping.items() if f == "title"]
    for h in titles:
        if _squash(h) == "title" and len(titles) > 1:
            mapping[h] = "prefix"
    return mapping


def generic_targets(headers: list[str], mapping: dict[str, str]) -> list[Target | None]:
    """Targets from a user's mapping; an unlabelled list field or address part takes a label from the
    column's name ("Work Email" -> work), so two addresses stay two."""
    keyed = {clean_text(h): spec for h, spec in mapping.items()}
    targets: list[Target | None] = []
    for header in headers:
        spec = mapping.get(header, keyed.get(clean_text(header), "")) or ""
        target = parse_spec(spec)
        if target and target.field in LABELLED and not target.label:
            target = Target(target.field, derive_label(header))
        targets.append(target)
    return targets


def check_mapping(mapping: dict[str, str]) -> str | None:
    """Why a mapping cannot be used, or None."""
    for header, spec in mapping.items():
        field, _, label = (spec or "").partition(":")
        if field not in MAPPING_FIELDS:
            return f"the column {header!r} is mapped to {field!r}, which is not a person field"
        if label and field not in LABELLED:
            return f"the column {header!r} is mapped to {spec!r}, but only {', '.join(LABELLED)} take a label"
    return None
