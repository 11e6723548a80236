# clusterpools webbsida på svenska, översatt från den engelska källfilen en.ftl.
# Fluent-syntax (https://projectfluent.org). Varje språkfil har exakt samma
# meddelande-id:n; `tests` i src/http/i18n.rs misslyckas när något saknas.
# Platshållare som { $count } behåller sina namn; pluralväljare använder
# språkets egna CLDR-kategorier (på svenska: one och other).

## Själva språket

# Språkets namn på det egna språket, visas i språkväljaren.
ui-name = Svenska
ui-switch = Sidans språk

## Ramen kring varje sida

skip-to-content = Hoppa till innehållet
tagline = Erfarenheter från klusterarbetet i Östersjöregionen – på tolv språk
footer-text = Delas av klusterorganisationer och klusterprogram runt Östersjön.
footer-api = JSON-API

## Fel

error-title = Problem
error-heading = Något är inte som det ska
error-start-again = Börja en ny sökning
error-invalid-parameter = Värdet som angavs för ”{ $param }” kan inte användas. Kontrollera det och sök igen.
error-not-found = Sidan eller dokumentet finns inte i samlingen.
error-method-not-allowed = Den här adressen kan inte användas på det sättet.
error-unauthorized = Detta kräver redaktörens admin-token.
error-admin-disabled = Redaktörsfunktionerna är avstängda på den här servern.
error-index-busy = Samlingen indexeras om just nu. Försök igen om en stund.
error-overloaded = Servern är hårt belastad just nu. Försök igen om en stund.
error-timeout = Sökningen tog för lång tid. Försök med färre ord eller lägg till ett filter.
error-payload-too-large = Det som skickades är för stort.
error-internal = Något gick fel hos oss. Detaljerna finns i serverns logg.

## Söksidan

search-title = Sök
search-title-query = { $query } – sökning
search-heading = Sök i resurssamlingen
search-label = Sök i samlingen
search-placeholder = t.ex. klusterkartläggning, biedru aptauja, klyngeprogram
search-button = Sök
option-words-as-typed = Bara orden som de är skrivna (inga andra språk)
option-words-only = Bara ordsökning (ingen sökning på betydelse)
sort-label = Sortera
sort-relevance = efter relevans
sort-newest = nyast först
sort-oldest = äldst först
sort-added = senast tillagda först
meaning-unavailable = Sökning på betydelse är inte tillgänglig på den här servern: språkmodellen kunde inte läsas in. Träffarna bygger bara på orden.
filters-heading = Filtrera
filters-apply = Använd filtren
results-count = { $count ->
    [one] { $count } träff
   *[other] { $count } träffar
}
results-for = för ”{ $query }”
also-searched = Sökningen omfattade även samlingens alla språk: { $terms }.
only-words-as-typed = Sök bara på orden som de är skrivna
relaxed = Inget dokument innehåller alla dina ord; här visas dokument med några av dem.
did-you-mean = Menade du: { $suggestion }?
typo-matched = Några ord hittades inte som de är skrivna; här visas dokument med de ord som stavas mest likt dem.
feed-link = Följ den här sökningen (Atom-flöde)
feed-title = clusterpool: { $query }
feed-title-all = clusterpool: nytt material
suggestions-label = Förslag

## Facetter: rubriker

facet-type = Typ
facet-lang = Språk
facet-country = Land
facet-topic = Ämne
facet-audience = Målgrupp
facet-org = Organisation
facet-module = Utbildningsmodul
facet-concept = Begrepp

## Årsfiltret

year-heading = År
year-from = Från
year-to = till
years-in-results = År i de här träffarna: { $first }–{ $last }
chip-year-from = Från { $year }
chip-year-to = Till och med { $year }

## Aktiva filter

chips-label = Aktiva filter
chip-remove = Ta bort filtret { $label }
chips-clear = Rensa alla filter

## Inga träffar

no-results = Inget i samlingen matchar sökningen.
no-results-remove-filter = Prova att ta bort ett filter:
no-results-without = utan { $label }
no-results-without-year-from = utan begränsningen från år { $year }
no-results-without-year-to = utan begränsningen till och med år { $year }
no-results-all-languages = Sök på samlingens alla språk
no-results-hint = Färre eller mer allmänna ord hjälper också, till exempel ”benchmarking” i stället för en hel mening.

## En träff

location-slide = bild { $number }
location-page = sida { $number }
matched-term = Träff på ”{ $term }” ({ $lang }) för ”{ $query }”
matched-meaning = Träff på betydelse: avsnitt { $passage }
matched-meaning-at = Träff på betydelse: avsnitt { $passage } ({ $location })

## Träffsidor

pages-label = Träffsidor
pages-previous = ‹ Föregående
pages-next = Nästa ›

## Dokumentsidan

doc-back = ‹ Tillbaka till sökningen
doc-type = Typ
doc-language = Språk
doc-detected = (automatiskt identifierat, säkerhet { $confidence })
decimal-separator = ,
doc-mixes = ; en blandning av { $languages }
doc-countries = Länder
doc-organisations = Organisationer
doc-topics = Ämnen
doc-audience = Målgrupp
doc-module = Utbildningsmodul
doc-year = År
doc-source = Källa
doc-original = Originalfil
doc-download = Ladda ned { $name }
doc-text = Text
doc-slide = Bild { $number }
doc-page = Sida { $number }
related-heading = Relaterat material
related-none = Inget relaterat material ännu.
related-shares = gemensamma begrepp: { $concepts }

## Facettvärden: typer av material

type-case-study = Fallstudie
type-presentation = Presentation
type-tool = Verktyg
type-programme = Program
type-training-module = Utbildningsmodul
type-other = Övrigt

## Facettvärden: målgrupper

audience-facilitator = Facilitatorer
audience-policy = Offentlig förvaltning
audience-business-support = Näringslivsfrämjande

## Facettvärden: de åtta utbildningsmodulerna

module-basic-1 = Grundmodul 1: Klusterutveckling och klusterorganisationen
module-basic-2 = Grundmodul 2: Verktyg för klusterledning och medlemstjänster
module-advanced-1 = Fördjupningsmodul 1: Internationalisering och globala värdekedjor
module-advanced-2 = Fördjupningsmodul 2: Transnationellt samarbete och matchmaking
module-advanced-3 = Fördjupningsmodul 3: Klusterexcellens, benchmarking och kvalitetsmärkning
module-programme-1 = Programmodul 1: Att utforma ett klusterprogram
module-programme-2 = Programmodul 2: Utlysningar, urval och finansiering
module-programme-3 = Programmodul 3: Uppföljning och utvärdering av program

## Facettvärden: dokumentens språk

lang-en = Engelska
lang-da = Danska
lang-sv = Svenska
lang-no = Norska
lang-fi = Finska
lang-et = Estniska
lang-lv = Lettiska
lang-lt = Litauiska
lang-pl = Polska
lang-de = Tyska
lang-ru = Ryska
lang-fr = Franska
lang-und = Obestämt

## Facettvärden: länder

country-DK = Danmark
country-SE = Sverige
country-NO = Norge
country-FI = Finland
country-IS = Island
country-EE = Estland
country-LV = Lettland
country-LT = Litauen
country-PL = Polen
country-DE = Tyskland
country-RU = Ryssland
country-FR = Frankrike
country-BY = Belarus
country-NL = Nederländerna
country-BE = Belgien
country-GB = Storbritannien
country-IE = Irland
country-ES = Spanien
country-IT = Italien
country-AT = Österrike
country-CH = Schweiz
country-CZ = Tjeckien
country-UA = Ukraina
country-FO = Färöarna
