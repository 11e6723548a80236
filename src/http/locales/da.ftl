# clusterpools webside på dansk, oversat fra den engelske kildefil en.ftl.
# Fluent-syntaks (https://projectfluent.org). Hver sprogfil har nøjagtig de
# samme besked-id'er; `tests` i src/http/i18n.rs fejler, når et mangler.
# Pladsholdere som { $count } beholder deres navne; flertalsvælgere bruger
# sprogets egne CLDR-kategorier (på dansk: one og other).

## Sproget selv

# Sprogets navn på sproget selv, vist i sprogvælgeren.
ui-name = Dansk
ui-switch = Sidens sprog

## Rammen om alle sider

skip-to-content = Gå til indholdet
tagline = Erfaringer fra klyngearbejdet i Østersøregionen – på tolv sprog
footer-text = Deles af klyngeorganisationer og klyngeprogrammer omkring Østersøen.
footer-api = JSON-API

## Fejl

error-title = Problem
error-heading = Noget er ikke i orden
error-start-again = Start en ny søgning
error-invalid-parameter = Værdien for »{ $param }« kan ikke bruges. Kontrollér den, og søg igen.
error-not-found = Siden eller dokumentet findes ikke i samlingen.
error-method-not-allowed = Denne adresse kan ikke bruges på den måde.
error-unauthorized = Dette kræver redaktørens admin-token.
error-admin-disabled = Redaktørfunktionerne er slået fra på denne server.
error-index-busy = Samlingen bliver genindekseret lige nu. Prøv igen om et øjeblik.
error-overloaded = Serveren har travlt lige nu. Prøv igen om et øjeblik.
error-timeout = Søgningen tog for lang tid. Prøv med færre ord, eller tilføj et filter.
error-payload-too-large = Det indsendte er for stort.
error-internal = Der gik noget galt hos os. Detaljerne står i serverens log.

## Søgesiden

search-title = Søg
search-title-query = { $query } – søgning
search-heading = Søg i ressourcesamlingen
search-label = Søg i samlingen
search-placeholder = fx klyngekortlægning, biedru aptauja, klyngeprogram
search-button = Søg
option-words-as-typed = Kun ordene som de er skrevet (ingen andre sprog)
option-words-only = Kun ordsøgning (ingen søgning på betydning)
sort-label = Sortér
sort-relevance = efter relevans
sort-newest = nyeste først
sort-oldest = ældste først
sort-added = senest tilføjet først
meaning-unavailable = Søgning på betydning er ikke tilgængelig på denne server: Sprogmodellen kunne ikke indlæses. Resultaterne bygger kun på ordene.
filters-heading = Filtrér
filters-apply = Anvend filtrene
results-count = { $count ->
    [one] { $count } resultat
   *[other] { $count } resultater
}
results-for = for »{ $query }«
also-searched = Der er også søgt på alle samlingens sprog: { $terms }.
only-words-as-typed = Søg kun på ordene som de er skrevet
relaxed = Intet dokument indeholder alle dine ord; her er dokumenter med nogle af dem.
did-you-mean = Mente du: { $suggestion }?
typo-matched = Nogle ord blev ikke fundet som de er skrevet; her er dokumenter med de ord der ligner dem mest i stavemåde.
feed-link = Følg denne søgning (Atom-feed)
feed-title = clusterpool: { $query }
feed-title-all = clusterpool: nyt materiale
suggestions-label = Forslag

## Facetter: overskrifter

facet-type = Type
facet-lang = Sprog
facet-country = Land
facet-topic = Emne
facet-audience = Målgruppe
facet-org = Organisation
facet-module = Kursusmodul
facet-concept = Begreb

## Årsfilteret

year-heading = År
year-from = Fra
year-to = til
years-in-results = År i disse resultater: { $first }–{ $last }
chip-year-from = Fra { $year }
chip-year-to = Til og med { $year }

## Aktive filtre

chips-label = Aktive filtre
chip-remove = Fjern filteret { $label }
chips-clear = Fjern alle filtre

## Ingen resultater

no-results = Intet i samlingen passer til søgningen.
no-results-remove-filter = Prøv at fjerne et filter:
no-results-without = uden { $label }
no-results-without-year-from = uden begrænsningen fra år { $year }
no-results-without-year-to = uden begrænsningen til og med år { $year }
no-results-all-languages = Søg på alle samlingens sprog
no-results-hint = Færre eller mere generelle ord kan også hjælpe, fx »benchmarking« i stedet for en hel sætning.

## Ét søgeresultat

location-slide = dias { $number }
location-page = side { $number }
matched-term = Fundet via »{ $term }« ({ $lang }) for »{ $query }«
matched-meaning = Fundet via betydning: afsnit { $passage }
matched-meaning-at = Fundet via betydning: afsnit { $passage } ({ $location })

## Resultatsider

pages-label = Resultatsider
pages-previous = ‹ Forrige
pages-next = Næste ›

## Dokumentsiden

doc-back = ‹ Tilbage til søgningen
doc-type = Type
doc-language = Sprog
doc-detected = (genkendt automatisk, sikkerhed { $confidence })
decimal-separator = ,
doc-mixes = ; en blanding af { $languages }
doc-countries = Lande
doc-organisations = Organisationer
doc-topics = Emner
doc-audience = Målgruppe
doc-module = Kursusmodul
doc-year = År
doc-source = Kilde
doc-original = Originalfil
doc-download = Hent { $name }
doc-text = Tekst
doc-slide = Dias { $number }
doc-page = Side { $number }
related-heading = Relateret materiale
related-none = Intet relateret materiale endnu.
related-shares = fælles begreber: { $concepts }

## Facetværdier: materialetyper

type-case-study = Casestudie
type-presentation = Præsentation
type-tool = Værktøj
type-programme = Program
type-training-module = Kursusmodul
type-other = Andet

## Facetværdier: målgrupper

audience-facilitator = Facilitatorer
audience-policy = Offentlig forvaltning
audience-business-support = Erhvervsfremme

## Facetværdier: de otte kursusmoduler

module-basic-1 = Grundmodul 1: Klyngeudvikling og klyngeorganisationen
module-basic-2 = Grundmodul 2: Værktøjer til klyngeledelse og medlemsydelser
module-advanced-1 = Videregående modul 1: Internationalisering og globale værdikæder
module-advanced-2 = Videregående modul 2: Transnationalt samarbejde og matchmaking
module-advanced-3 = Videregående modul 3: Fremragende klynger, benchmarking og kvalitetsmærker
module-programme-1 = Programmodul 1: Udformning af et klyngeprogram
module-programme-2 = Programmodul 2: Ansøgningsrunder, udvælgelse og finansiering
module-programme-3 = Programmodul 3: Opfølgning og evaluering af programmer

## Facetværdier: dokumenternes sprog

lang-en = Engelsk
lang-da = Dansk
lang-sv = Svensk
lang-no = Norsk
lang-fi = Finsk
lang-et = Estisk
lang-lv = Lettisk
lang-lt = Litauisk
lang-pl = Polsk
lang-de = Tysk
lang-ru = Russisk
lang-fr = Fransk
lang-und = Ubestemt

## Facetværdier: lande

country-DK = Danmark
country-SE = Sverige
country-NO = Norge
country-FI = Finland
country-IS = Island
country-EE = Estland
country-LV = Letland
country-LT = Litauen
country-PL = Polen
country-DE = Tyskland
country-RU = Rusland
country-FR = Frankrig
country-BY = Belarus
country-NL = Nederlandene
country-BE = Belgien
country-GB = Storbritannien
country-IE = Irland
country-ES = Spanien
country-IT = Italien
country-AT = Østrig
country-CH = Schweiz
country-CZ = Tjekkiet
country-UA = Ukraine
country-FO = Færøerne
