# clusterpool tinklalapis lietuvių kalba: failo en.ftl vertimas.
# Fluent sintaksė (https://projectfluent.org). Kiekvienas kalbos failas turi lygiai
# tuos pačius pranešimų identifikatorius; `tests` faile src/http/i18n.rs nepavyksta, jei kurio nors trūksta.
# Įterpiniai, pavyzdžiui, { $count }, išlaiko savo pavadinimus; daugiskaitos formos
# atitinka lietuvių kalbos CLDR kategorijas (one, few, many, other).

## Pati kalba

# Kalbos pavadinimas ta pačia kalba, rodomas kalbų perjungiklyje.
ui-name = Lietuvių
ui-switch = Šio puslapio kalba

## Visų puslapių rėmas

skip-to-content = Pereiti prie turinio
tagline = Baltijos jūros regiono klasterių praktika dvylika kalbų
footer-text = Šia medžiaga dalijasi Baltijos jūros regiono šalių klasterių organizacijos ir klasterių programos.
footer-api = JSON API

## Klaidos

error-title = Klaida
error-heading = Kažkas negerai
error-start-again = Pradėti naują paiešką
error-invalid-parameter = Parametrui „{ $param }“ nurodytos reikšmės naudoti negalima. Patikrinkite ją ir ieškokite dar kartą.
error-not-found = Tokio puslapio ar dokumento rinkinyje nėra.
error-method-not-allowed = Šiuo adresu taip naudotis negalima.
error-unauthorized = Tam reikia rinkinio kuratoriaus administravimo prieigos rakto.
error-admin-disabled = Kuratoriaus funkcijos šiame serveryje išjungtos.
error-index-busy = Šiuo metu rinkinys indeksuojamas iš naujo. Po akimirkos pabandykite dar kartą.
error-overloaded = Šiuo metu serveris perkrautas. Po akimirkos pabandykite dar kartą.
error-timeout = Paieška užtruko per ilgai. Įveskite mažiau žodžių arba pridėkite filtrą.
error-payload-too-large = Atsiųsti duomenys per dideli.
error-internal = Mūsų sistemoje įvyko klaida. Išsami informacija pateikta serverio žurnale.

## Paieškos puslapis

search-title = Paieška
search-title-query = { $query } – paieška
search-heading = Ieškoti išteklių rinkinyje
search-label = Ieškoti rinkinyje
search-placeholder = pvz., klasterių kartografavimas, biedru aptauja, klyngeprogram
search-button = Ieškoti
option-words-as-typed = Tik įvesti žodžiai (be kitų kalbų)
option-words-only = Tik pagal žodžius (be paieškos pagal prasmę)
sort-label = Rikiuoti
sort-relevance = pagal atitiktį
sort-newest = pirmiausia naujausi
sort-oldest = pirmiausia seniausi
sort-added = pirmiausia naujausiai pridėti
meaning-unavailable = Paieška pagal prasmę šiame serveryje neveikia: nepavyko įkelti kalbos modelio. Rezultatai atrenkami tik pagal žodžius.
filters-heading = Filtrai
filters-apply = Taikyti filtrus
results-count = { $count ->
    [one] { $count } rezultatas
    [few] { $count } rezultatai
    [many] { $count } rezultato
   *[other] { $count } rezultatų
}
results-for = pagal užklausą „{ $query }“
also-searched = Taip pat ieškota visomis rinkinio kalbomis: { $terms }.
only-words-as-typed = Ieškoti tik įvestų žodžių
relaxed = Nė viename dokumente nėra visų jūsų žodžių; rodomi dokumentai, kuriuose yra bent dalis jų.
did-you-mean = Galbūt norėjote ieškoti: { $suggestion }?
typo-matched = Kai kurie žodžiai nerasti taip, kaip įvesti; rodomi dokumentai su panašiausiai parašytais žodžiais.
feed-link = Sekti šią paiešką (Atom sklaidos kanalas)
feed-title = clusterpool: { $query }
feed-title-all = clusterpool: nauja medžiaga
suggestions-label = Pasiūlymai

## Filtrų grupės: antraštės

facet-type = Rūšis
facet-lang = Kalba
facet-country = Šalis
facet-topic = Tema
facet-audience = Tikslinė grupė
facet-org = Organizacija
facet-module = Mokymo modulis
facet-concept = Sąvoka

## Metų filtras

year-heading = Metai
year-from = Nuo
year-to = iki
years-in-results = Šių rezultatų metai: { $first }–{ $last }
chip-year-from = Nuo { $year } m.
chip-year-to = Iki { $year } m.

## Aktyvūs filtrai

chips-label = Aktyvūs filtrai
chip-remove = Pašalinti filtrą { $label }
chips-clear = Išvalyti visus filtrus

## Nėra rezultatų

no-results = Rinkinyje nieko nerasta.
no-results-remove-filter = Pabandykite pašalinti filtrą:
no-results-without = be filtro { $label }
no-results-without-year-from = be metų ribos „nuo { $year } m.“
no-results-without-year-to = be metų ribos „iki { $year } m.“
no-results-all-languages = Ieškoti visomis rinkinio kalbomis
no-results-hint = Taip pat padeda trumpesnė ar bendresnė užklausa, pavyzdžiui, „lyginamoji analizė“ vietoj viso sakinio.

## Vienas rezultatas

location-slide = skaidrė { $number }
location-page = puslapis { $number }
matched-term = Rasta „{ $term }“ ({ $lang }) – užklausos žodžio „{ $query }“ atitikmuo
matched-meaning = Rasta pagal prasmę: ištrauka { $passage }
matched-meaning-at = Rasta pagal prasmę: ištrauka { $passage } ({ $location })

## Rezultatų puslapiai

pages-label = Rezultatų puslapiai
pages-previous = ‹ Ankstesnis
pages-next = Kitas ›

## Dokumento puslapis

doc-back = ‹ Atgal į paiešką
doc-type = Rūšis
doc-language = Kalba
doc-detected = (nustatyta automatiškai, patikimumas { $confidence })
decimal-separator = ,
doc-mixes = ; tekste maišomos kalbos: { $languages }
doc-countries = Šalys
doc-organisations = Organizacijos
doc-topics = Temos
doc-audience = Kam skirta
doc-module = Mokymo modulis
doc-year = Metai
doc-source = Šaltinis
doc-original = Originalus failas
doc-download = Atsisiųsti { $name }
doc-text = Tekstas
doc-slide = Skaidrė { $number }
doc-page = Puslapis { $number }
related-heading = Susijusi medžiaga
related-none = Susijusios medžiagos kol kas nėra.
related-shares = bendros sąvokos: { $concepts }

## Filtrų reikšmės: medžiagos rūšys

type-case-study = Atvejo analizė
type-presentation = Pristatymas
type-tool = Priemonė
type-programme = Programa
type-training-module = Mokymo modulis
type-other = Kita

## Filtrų reikšmės: tikslinės grupės

audience-facilitator = Fasilitatoriai
audience-policy = Politikos formuotojai
audience-business-support = Verslo paramos organizacijos

## Filtrų reikšmės: aštuoni mokymo moduliai

module-basic-1 = Pradedantiesiems 1: Klasterių plėtra ir klasterio organizacija
module-basic-2 = Pradedantiesiems 2: Klasterio valdymo priemonės ir paslaugos nariams
module-advanced-1 = Pažengusiems 1: Internacionalizacija ir pasaulinės vertės kūrimo grandinės
module-advanced-2 = Pažengusiems 2: Tarptautinis bendradarbiavimas ir partnerių paieška
module-advanced-3 = Pažengusiems 3: Klasterių meistriškumas, lyginamoji analizė ir kokybės ženklai
module-programme-1 = Programos 1: Klasterių programos rengimas
module-programme-2 = Programos 2: Kvietimai, atranka ir finansavimas
module-programme-3 = Programos 3: Programų stebėsena ir vertinimas

## Filtrų reikšmės: dokumentų kalbos

lang-en = Anglų
lang-da = Danų
lang-sv = Švedų
lang-no = Norvegų
lang-fi = Suomių
lang-et = Estų
lang-lv = Latvių
lang-lt = Lietuvių
lang-pl = Lenkų
lang-de = Vokiečių
lang-ru = Rusų
lang-fr = Prancūzų
lang-und = Nenustatyta

## Filtrų reikšmės: šalys

country-DK = Danija
country-SE = Švedija
country-NO = Norvegija
country-FI = Suomija
country-IS = Islandija
country-EE = Estija
country-LV = Latvija
country-LT = Lietuva
country-PL = Lenkija
country-DE = Vokietija
country-RU = Rusija
country-FR = Prancūzija
country-BY = Baltarusija
country-NL = Nyderlandai
country-BE = Belgija
country-GB = Jungtinė Karalystė
country-IE = Airija
country-ES = Ispanija
country-IT = Italija
country-AT = Austrija
country-CH = Šveicarija
country-CZ = Čekija
country-UA = Ukraina
country-FO = Farerų Salos
