# clusterpool's web page in Latvian (latviešu), translated from en.ftl, the source.
# Fluent syntax (https://projectfluent.org). Each language file has exactly the
# same message ids; `tests` in src/http/i18n.rs fail when one is missing.
# Placeables such as { $count } keep their names; plural selectors use the
# language's own CLDR categories (Latvian: zero, one, other).

## The language itself

# The language's name in itself, shown in the language switcher.
ui-name = Latviešu
ui-switch = Lapas valoda

## Frame of every page

skip-to-content = Pāriet uz saturu
tagline = Klasteru darba prakse Baltijas jūras reģionā divpadsmit valodās
footer-text = Materiālus sniedz klasteru organizācijas un programmas no visa Baltijas jūras reģiona.
footer-api = JSON API

## Errors

error-title = Kļūda
error-heading = Kaut kas nav kārtībā
error-start-again = Sākt jaunu meklēšanu
error-invalid-parameter = Parametram „{ $param }“ norādīto vērtību nevar izmantot. Lūdzu, pārbaudiet to un meklējiet vēlreiz.
error-not-found = Krātuvē nav šādas lapas vai dokumenta.
error-method-not-allowed = Šo adresi nevar izmantot šādā veidā.
error-unauthorized = Tam nepieciešama kuratora piekļuves atslēga (admin token).
error-admin-disabled = Kuratora funkcijas šajā serverī ir izslēgtas.
error-index-busy = Krātuve pašlaik tiek pārindeksēta. Lūdzu, mēģiniet vēlreiz pēc brīža.
error-overloaded = Serveris pašlaik ir noslogots. Lūdzu, mēģiniet vēlreiz pēc brīža.
error-timeout = Meklēšana aizņēma pārāk daudz laika. Izmantojiet mazāk vārdu vai pievienojiet filtru.
error-payload-too-large = Nosūtīto datu apjoms ir pārāk liels.
error-internal = Mūsu pusē radās kļūda. Sīkāka informācija ir atrodama servera žurnālā.

## The search page

search-title = Meklēšana
search-title-query = { $query } – meklēšana
search-heading = Meklēt materiālu krātuvē
search-label = Meklēt krātuvē
search-placeholder = piem., klasteru kartēšana, biedru aptauja, klyngeprogram
search-button = Meklēt
option-words-as-typed = Tikai ievadītie vārdi (bez citām valodām)
option-words-only = Tikai vārdi (bez meklēšanas pēc nozīmes)
sort-label = Kārtot
sort-relevance = pēc atbilstības
sort-newest = jaunākie vispirms
sort-oldest = vecākie vispirms
sort-added = nesen pievienotie vispirms
meaning-unavailable = Meklēšana pēc nozīmes šajā serverī nav pieejama, jo neizdevās ielādēt valodas modeli. Rezultāti tiek atlasīti tikai pēc vārdiem.
filters-heading = Filtri
filters-apply = Lietot filtrus
results-count = { $count ->
    [zero] { $count } rezultātu
    [one] { $count } rezultāts
   *[other] { $count } rezultāti
}
results-for = vaicājumam „{ $query }“
also-searched = Meklēts arī visās krātuves valodās: { $terms }.
only-words-as-typed = Meklēt tikai ievadītos vārdus
relaxed = Nevienā dokumentā nav visu meklēto vārdu, tāpēc tiek rādīti dokumenti, kuros ir daļa no tiem.
did-you-mean = Vai domājāt: { $suggestion }?
typo-matched = Dažus vārdus neizdevās atrast tādā formā, kādā tie ievadīti, tāpēc tiek rādīti dokumenti, kuros ir rakstībā vistuvākie vārdi.
feed-link = Sekot šai meklēšanai (Atom plūsma)
feed-title = clusterpool: { $query }
feed-title-all = clusterpool: jauni materiāli
suggestions-label = Ieteikumi

## Facets: headings

facet-type = Veids
facet-lang = Valoda
facet-country = Valsts
facet-topic = Tēma
facet-audience = Mērķauditorija
facet-org = Organizācija
facet-module = Mācību modulis
facet-concept = Jēdziens

## The year filter

year-heading = Gads
year-from = No
year-to = līdz
years-in-results = Rezultātos iekļautie gadi: { $first }–{ $last }
chip-year-from = No { $year }. gada
chip-year-to = Līdz { $year }. gadam

## Active filters

chips-label = Aktīvie filtri
chip-remove = Noņemt filtru { $label }
chips-clear = Noņemt visus filtrus

## No results

no-results = Krātuvē nekas netika atrasts.
no-results-remove-filter = Mēģiniet noņemt kādu filtru:
no-results-without = bez filtra { $label }
no-results-without-year-from = bez ierobežojuma no { $year }. gada
no-results-without-year-to = bez ierobežojuma līdz { $year }. gadam
no-results-all-languages = Meklēt visās krātuves valodās
no-results-hint = Var palīdzēt arī mazāks vārdu skaits vai vispārīgāki vārdi, piemēram, „salīdzinošā novērtēšana“ pilna teikuma vietā.

## One hit

location-slide = { $number }. slaids
location-page = { $number }. lappuse
matched-term = Atrasts „{ $term }“ ({ $lang }), meklējot „{ $query }“
matched-meaning = Atrasts pēc nozīmes: { $passage }. fragments
matched-meaning-at = Atrasts pēc nozīmes: { $passage }. fragments ({ $location })

## Pages of results

pages-label = Rezultātu lapas
pages-previous = ‹ Iepriekšējā
pages-next = Nākamā ›

## The document page

doc-back = ‹ Atpakaļ uz meklēšanu
doc-type = Veids
doc-language = Valoda
doc-detected = (noteikta automātiski, ticamība { $confidence })
decimal-separator = ,
doc-mixes = ; citas valodas: { $languages }
doc-countries = Valstis
doc-organisations = Organizācijas
doc-topics = Tēmas
doc-audience = Kam paredzēts
doc-module = Mācību modulis
doc-year = Gads
doc-source = Avots
doc-original = Oriģinālais fails
doc-download = Lejupielādēt { $name }
doc-text = Teksts
doc-slide = { $number }. slaids
doc-page = { $number }. lappuse
related-heading = Saistītie materiāli
related-none = Saistītu materiālu pagaidām nav.
related-shares = kopīgie jēdzieni: { $concepts }

## Facet values: kinds of material

type-case-study = Gadījuma izpēte
type-presentation = Prezentācija
type-tool = Rīks
type-programme = Programma
type-training-module = Mācību modulis
type-other = Cits

## Facet values: audiences

audience-facilitator = Fasilitatori
audience-policy = Politikas veidotāji
audience-business-support = Uzņēmējdarbības atbalsts

## Facet values: the eight training modules

module-basic-1 = Pamatkurss 1: Klasteru attīstība un klasteru organizācija
module-basic-2 = Pamatkurss 2: Klasteru vadības rīki un pakalpojumi biedriem
module-advanced-1 = Padziļinātais kurss 1: Internacionalizācija un globālās vērtību ķēdes
module-advanced-2 = Padziļinātais kurss 2: Transnacionālā sadarbība un partneru meklēšana
module-advanced-3 = Padziļinātais kurss 3: Klasteru izcilība, salīdzinošā novērtēšana un kvalitātes zīmes
module-programme-1 = Programmas 1: Klasteru programmas izstrāde
module-programme-2 = Programmas 2: Konkursi, projektu atlase un finansējums
module-programme-3 = Programmas 3: Programmu uzraudzība un izvērtēšana

## Facet values: languages of documents

lang-en = Angļu valoda
lang-da = Dāņu valoda
lang-sv = Zviedru valoda
lang-no = Norvēģu valoda
lang-fi = Somu valoda
lang-et = Igauņu valoda
lang-lv = Latviešu valoda
lang-lt = Lietuviešu valoda
lang-pl = Poļu valoda
lang-de = Vācu valoda
lang-ru = Krievu valoda
lang-fr = Franču valoda
lang-und = Nenoteikta

## Facet values: countries

country-DK = Dānija
country-SE = Zviedrija
country-NO = Norvēģija
country-FI = Somija
country-IS = Islande
country-EE = Igaunija
country-LV = Latvija
country-LT = Lietuva
country-PL = Polija
country-DE = Vācija
country-RU = Krievija
country-FR = Francija
country-BY = Baltkrievija
country-NL = Nīderlande
country-BE = Beļģija
country-GB = Apvienotā Karaliste
country-IE = Īrija
country-ES = Spānija
country-IT = Itālija
country-AT = Austrija
country-CH = Šveice
country-CZ = Čehija
country-UA = Ukraina
country-FO = Fēru salas
