# clusterpools nettside på norsk (bokmål), oversatt fra den engelske kildefila en.ftl.
# Fluent-syntaks (https://projectfluent.org). Hver språkfil har nøyaktig de
# samme meldings-ID-ene; `tests` i src/http/i18n.rs feiler når en mangler.
# Plassholdere som { $count } beholder navnene sine; flertallsvelgere bruker
# språkets egne CLDR-kategorier (på norsk: one og other).

## Selve språket

# Språkets navn på språket selv, vist i språkvelgeren.
ui-name = Norsk (bokmål)
ui-switch = Sidens språk

## Rammen rundt hver side

skip-to-content = Hopp til innholdet
tagline = Erfaringer fra klyngearbeidet i Østersjøregionen – på tolv språk
footer-text = Delt av klyngeorganisasjoner og klyngeprogrammer rundt Østersjøen.
footer-api = JSON-API

## Feil

error-title = Problem
error-heading = Noe er ikke som det skal
error-start-again = Start et nytt søk
error-invalid-parameter = Verdien som ble oppgitt for «{ $param }», kan ikke brukes. Kontroller den og søk på nytt.
error-not-found = Siden eller dokumentet finnes ikke i samlingen.
error-method-not-allowed = Denne adressen kan ikke brukes på den måten.
error-unauthorized = Dette krever redaktørens admin-token.
error-admin-disabled = Redaktørfunksjonene er slått av på denne serveren.
error-index-busy = Samlingen indekseres på nytt akkurat nå. Prøv igjen om et øyeblikk.
error-overloaded = Serveren er svært opptatt akkurat nå. Prøv igjen om et øyeblikk.
error-timeout = Søket tok for lang tid. Prøv med færre ord, eller legg til et filter.
error-payload-too-large = Det som ble sendt, er for stort.
error-internal = Noe gikk galt hos oss. Detaljene står i serverloggen.

## Søkesiden

search-title = Søk
search-title-query = { $query } – søk
search-heading = Søk i ressurssamlingen
search-label = Søk i samlingen
search-placeholder = f.eks. klyngekartlegging, biedru aptauja, klyngeprogram
search-button = Søk
option-words-as-typed = Bare ordene slik de er skrevet (ingen andre språk)
option-words-only = Bare ordsøk (ikke søk på betydning)
sort-label = Sorter
sort-relevance = etter relevans
sort-newest = nyeste først
sort-oldest = eldste først
sort-added = sist lagt til først
meaning-unavailable = Søk på betydning er ikke tilgjengelig på denne serveren: språkmodellen kunne ikke lastes inn. Treffene bygger bare på ordene.
filters-heading = Filtrer
filters-apply = Bruk filtrene
results-count = { $count ->
    [one] { $count } treff
   *[other] { $count } treff
}
results-for = for «{ $query }»
also-searched = Det er også søkt på alle språkene i samlingen: { $terms }.
only-words-as-typed = Søk bare på ordene slik de er skrevet
relaxed = Ingen dokumenter inneholder alle ordene dine; her vises dokumenter med noen av dem.
did-you-mean = Mente du: { $suggestion }?
typo-matched = Noen ord ble ikke funnet slik de er skrevet; her vises dokumenter med ordene som ligner mest på dem i stavemåte.
feed-link = Følg dette søket (Atom-feed)
feed-title = clusterpool: { $query }
feed-title-all = clusterpool: nytt materiale
suggestions-label = Forslag

## Fasetter: overskrifter

facet-type = Type
facet-lang = Språk
facet-country = Land
facet-topic = Emne
facet-audience = Målgruppe
facet-org = Organisasjon
facet-module = Kursmodul
facet-concept = Begrep

## Årsfilteret

year-heading = År
year-from = Fra
year-to = til
years-in-results = År i disse treffene: { $first }–{ $last }
chip-year-from = Fra { $year }
chip-year-to = Til og med { $year }

## Aktive filtre

chips-label = Aktive filtre
chip-remove = Fjern filteret { $label }
chips-clear = Fjern alle filtre

## Ingen treff

no-results = Ingenting i samlingen passer til søket.
no-results-remove-filter = Prøv å fjerne et filter:
no-results-without = uten { $label }
no-results-without-year-from = uten begrensningen fra år { $year }
no-results-without-year-to = uten begrensningen til og med år { $year }
no-results-all-languages = Søk på alle språkene i samlingen
no-results-hint = Færre eller mer generelle ord hjelper også, for eksempel «benchmarking» i stedet for en hel setning.

## Ett treff

location-slide = lysbilde { $number }
location-page = side { $number }
matched-term = Treff på «{ $term }» ({ $lang }) for «{ $query }»
matched-meaning = Treff på betydning: avsnitt { $passage }
matched-meaning-at = Treff på betydning: avsnitt { $passage } ({ $location })

## Resultatsider

pages-label = Resultatsider
pages-previous = ‹ Forrige
pages-next = Neste ›

## Dokumentsiden

doc-back = ‹ Tilbake til søket
doc-type = Type
doc-language = Språk
doc-detected = (gjenkjent automatisk, sikkerhet { $confidence })
decimal-separator = ,
doc-mixes = ; en blanding av { $languages }
doc-countries = Land
doc-organisations = Organisasjoner
doc-topics = Emner
doc-audience = Målgruppe
doc-module = Kursmodul
doc-year = År
doc-source = Kilde
doc-original = Originalfil
doc-download = Last ned { $name }
doc-text = Tekst
doc-slide = Lysbilde { $number }
doc-page = Side { $number }
related-heading = Relatert materiale
related-none = Ikke noe relatert materiale ennå.
related-shares = felles begreper: { $concepts }

## Fasettverdier: typer materiale

type-case-study = Casestudie
type-presentation = Presentasjon
type-tool = Verktøy
type-programme = Program
type-training-module = Kursmodul
type-other = Annet

## Fasettverdier: målgrupper

audience-facilitator = Fasilitatorer
audience-policy = Offentlig forvaltning
audience-business-support = Næringsutvikling

## Fasettverdier: de åtte kursmodulene

module-basic-1 = Grunnmodul 1: Klyngeutvikling og klyngeorganisasjonen
module-basic-2 = Grunnmodul 2: Verktøy for klyngeledelse og medlemstjenester
module-advanced-1 = Fordypningsmodul 1: Internasjonalisering og globale verdikjeder
module-advanced-2 = Fordypningsmodul 2: Transnasjonalt samarbeid og matchmaking
module-advanced-3 = Fordypningsmodul 3: Fremragende klynger, benchmarking og kvalitetsmerking
module-programme-1 = Programmodul 1: Utforming av et klyngeprogram
module-programme-2 = Programmodul 2: Utlysninger, utvelgelse og finansiering
module-programme-3 = Programmodul 3: Oppfølging og evaluering av programmer

## Fasettverdier: dokumentenes språk

lang-en = Engelsk
lang-da = Dansk
lang-sv = Svensk
lang-no = Norsk
lang-fi = Finsk
lang-et = Estisk
lang-lv = Latvisk
lang-lt = Litauisk
lang-pl = Polsk
lang-de = Tysk
lang-ru = Russisk
lang-fr = Fransk
lang-und = Ubestemt

## Fasettverdier: land

country-DK = Danmark
country-SE = Sverige
country-NO = Norge
country-FI = Finland
country-IS = Island
country-EE = Estland
country-LV = Latvia
country-LT = Litauen
country-PL = Polen
country-DE = Tyskland
country-RU = Russland
country-FR = Frankrike
country-BY = Belarus
country-NL = Nederland
country-BE = Belgia
country-GB = Storbritannia
country-IE = Irland
country-ES = Spania
country-IT = Italia
country-AT = Østerrike
country-CH = Sveits
country-CZ = Tsjekkia
country-UA = Ukraina
country-FO = Færøyene
