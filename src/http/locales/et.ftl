# clusterpool's web page in Estonian (eesti), translated from en.ftl, the source.
# Fluent syntax (https://projectfluent.org). Each language file has exactly the
# same message ids; `tests` in src/http/i18n.rs fail when one is missing.
# Placeables such as { $count } keep their names; plural selectors use the
# language's own CLDR categories (Estonian: one, other).

## The language itself

# The language's name in itself, shown in the language switcher.
ui-name = Eesti
ui-switch = Lehe keel

## Frame of every page

skip-to-content = Liigu sisu juurde
tagline = Klastritöö praktika Läänemere piirkonnast kaheteistkümnes keeles
footer-text = Materjale jagavad klastriorganisatsioonid ja -programmid kogu Läänemere piirkonnast.
footer-api = JSON-liides

## Errors

error-title = Viga
error-heading = Midagi on valesti
error-start-again = Alusta uut otsingut
error-invalid-parameter = Parameetrile „{ $param }“ antud väärtust ei saa kasutada. Kontrolli väärtust ja otsi uuesti.
error-not-found = Materjalipangas pole sellist lehte ega dokumenti.
error-method-not-allowed = Seda aadressi ei saa sel viisil kasutada.
error-unauthorized = Selleks on vaja haldaja juurdepääsuvõtit (admin token).
error-admin-disabled = Haldusfunktsioonid on selles serveris välja lülitatud.
error-index-busy = Materjalipanka indekseeritakse parasjagu ümber. Proovi hetke pärast uuesti.
error-overloaded = Server on praegu hõivatud. Proovi hetke pärast uuesti.
error-timeout = Otsing võttis liiga kaua aega. Kasuta vähem sõnu või lisa filter.
error-payload-too-large = Saadetud andmete maht on liiga suur.
error-internal = Meie poolel läks midagi valesti. Üksikasjad leiab serveri logist.

## The search page

search-title = Otsing
search-title-query = { $query } – otsing
search-heading = Otsi materjalipangast
search-label = Otsi materjalipangast
search-placeholder = nt klastrite kaardistamine, biedru aptauja, klyngeprogram
search-button = Otsi
option-words-as-typed = Ainult sisestatud sõnad (teistes keeltes ei otsita)
option-words-only = Ainult sõnad (ilma tähenduspõhise otsinguta)
sort-label = Järjesta
sort-relevance = asjakohasuse järgi
sort-newest = uuemad eespool
sort-oldest = vanemad eespool
sort-added = viimati lisatud eespool
meaning-unavailable = Tähenduspõhine otsing pole selles serveris saadaval, sest keelemudelit ei õnnestunud laadida. Tulemused leitakse ainult sõnade järgi.
filters-heading = Filtrid
filters-apply = Rakenda filtrid
results-count = { $count ->
    [one] { $count } tulemus
   *[other] { $count } tulemust
}
results-for = päringule „{ $query }“
also-searched = Otsiti ka materjalipanga kõigis keeltes: { $terms }.
only-words-as-typed = Otsi ainult sisestatud sõnu
relaxed = Ükski dokument ei sisalda kõiki otsingusõnu, seepärast näidatakse dokumente, mis sisaldavad osa neist.
did-you-mean = Kas mõtlesid: { $suggestion }?
typo-matched = Mõnda sõna ei leitud sisestatud kujul, seepärast näidatakse dokumente, mille sõnad on kirjapildilt neile kõige lähemal.
feed-link = Jälgi seda otsingut (Atom-voog)
feed-title = clusterpool: { $query }
feed-title-all = clusterpool: uued materjalid
suggestions-label = Soovitused

## Facets: headings

facet-type = Tüüp
facet-lang = Keel
facet-country = Riik
facet-topic = Teema
facet-audience = Sihtrühm
facet-org = Organisatsioon
facet-module = Koolitusmoodul
facet-concept = Mõiste

## The year filter

year-heading = Aasta
year-from = Alates
year-to = kuni
years-in-results = Tulemuste aastad: { $first }–{ $last }
chip-year-from = Alates { $year }
chip-year-to = Kuni { $year }

## Active filters

chips-label = Aktiivsed filtrid
chip-remove = Eemalda filter { $label }
chips-clear = Eemalda kõik filtrid

## No results

no-results = Materjalipangast ei leitud midagi.
no-results-remove-filter = Proovi mõni filter eemaldada:
no-results-without = ilma filtrita { $label }
no-results-without-year-from = ilma alguaasta piiranguta ({ $year })
no-results-without-year-to = ilma lõpuaasta piiranguta ({ $year })
no-results-all-languages = Otsi materjalipanga kõigis keeltes
no-results-hint = Aidata võib ka see, kui kasutad vähem või üldisemaid sõnu, näiteks terve lause asemel „võrdlusanalüüs“.

## One hit

location-slide = slaid { $number }
location-page = lehekülg { $number }
matched-term = Vaste „{ $term }“ ({ $lang }) otsingusõnale „{ $query }“
matched-meaning = Vaste tähenduse järgi: lõik { $passage }
matched-meaning-at = Vaste tähenduse järgi: lõik { $passage } ({ $location })

## Pages of results

pages-label = Tulemuste lehed
pages-previous = ‹ Eelmine
pages-next = Järgmine ›

## The document page

doc-back = ‹ Tagasi otsingu juurde
doc-type = Tüüp
doc-language = Keel
doc-detected = (tuvastatud, kindlus { $confidence })
decimal-separator = ,
doc-mixes = ; lisaks { $languages }
doc-countries = Riigid
doc-organisations = Organisatsioonid
doc-topics = Teemad
doc-audience = Kellele
doc-module = Koolitusmoodul
doc-year = Aasta
doc-source = Allikas
doc-original = Originaalfail
doc-download = Laadi alla { $name }
doc-text = Tekst
doc-slide = Slaid { $number }
doc-page = Lehekülg { $number }
related-heading = Seotud materjalid
related-none = Seotud materjale veel pole.
related-shares = ühised mõisted: { $concepts }

## Facet values: kinds of material

type-case-study = Juhtumiuuring
type-presentation = Esitlus
type-tool = Tööriist
type-programme = Programm
type-training-module = Koolitusmoodul
type-other = Muu

## Facet values: audiences

audience-facilitator = Fasilitaatorid
audience-policy = Poliitikakujundajad
audience-business-support = Ettevõtlustugi

## Facet values: the eight training modules

module-basic-1 = Põhikursus 1: Klastrite arendamine ja klastriorganisatsioon
module-basic-2 = Põhikursus 2: Klastrijuhtimise tööriistad ja liikmeteenused
module-advanced-1 = Süvakursus 1: Rahvusvahelistumine ja globaalsed väärtusahelad
module-advanced-2 = Süvakursus 2: Riikidevaheline koostöö ja partnerite leidmine
module-advanced-3 = Süvakursus 3: Klastrite tipptase, võrdlusanalüüs ja kvaliteedimärgised
module-programme-1 = Programmid 1: Klastriprogrammi kavandamine
module-programme-2 = Programmid 2: Taotlusvoorud, valik ja rahastamine
module-programme-3 = Programmid 3: Programmide seire ja hindamine

## Facet values: languages of documents

lang-en = Inglise keel
lang-da = Taani keel
lang-sv = Rootsi keel
lang-no = Norra keel
lang-fi = Soome keel
lang-et = Eesti keel
lang-lv = Läti keel
lang-lt = Leedu keel
lang-pl = Poola keel
lang-de = Saksa keel
lang-ru = Vene keel
lang-fr = Prantsuse keel
lang-und = Määramata

## Facet values: countries

country-DK = Taani
country-SE = Rootsi
country-NO = Norra
country-FI = Soome
country-IS = Island
country-EE = Eesti
country-LV = Läti
country-LT = Leedu
country-PL = Poola
country-DE = Saksamaa
country-RU = Venemaa
country-FR = Prantsusmaa
country-BY = Valgevene
country-NL = Madalmaad
country-BE = Belgia
country-GB = Ühendkuningriik
country-IE = Iirimaa
country-ES = Hispaania
country-IT = Itaalia
country-AT = Austria
country-CH = Šveits
country-CZ = Tšehhi
country-UA = Ukraina
country-FO = Fääri saared
