# clusterpool's web page in Finnish (suomi), translated from en.ftl, the source.
# Fluent syntax (https://projectfluent.org). Each language file has exactly the
# same message ids; `tests` in src/http/i18n.rs fail when one is missing.
# Placeables such as { $count } keep their names; plural selectors use the
# language's own CLDR categories (Finnish: one, other).

## The language itself

# The language's name in itself, shown in the language switcher.
ui-name = Suomi
ui-switch = Sivun kieli

## Frame of every page

skip-to-content = Siirry sisältöön
tagline = Klusterityön käytäntöjä Itämeren alueelta kahdellatoista kielellä
footer-text = Itämeren alueen klusteriorganisaatioiden ja -ohjelmien jakamaa aineistoa.
footer-api = JSON-rajapinta

## Errors

error-title = Virhe
error-heading = Jokin ei ole kunnossa
error-start-again = Aloita uusi haku
error-invalid-parameter = Parametrille ”{ $param }” annettua arvoa ei voi käyttää. Tarkista arvo ja hae uudelleen.
error-not-found = Aineistopankissa ei ole tällaista sivua tai asiakirjaa.
error-method-not-allowed = Tätä osoitetta ei voi käyttää tällä tavalla.
error-unauthorized = Tähän tarvitaan ylläpitäjän pääsytunniste (admin token).
error-admin-disabled = Ylläpitotoiminnot on poistettu käytöstä tällä palvelimella.
error-index-busy = Aineistopankkia indeksoidaan parhaillaan uudelleen. Yritä hetken kuluttua uudelleen.
error-overloaded = Palvelin on juuri nyt ruuhkautunut. Yritä hetken kuluttua uudelleen.
error-timeout = Haku kesti liian kauan. Käytä vähemmän hakusanoja tai lisää rajaus.
error-payload-too-large = Lähetetty sisältö on liian suuri.
error-internal = Jotain meni vikaan meidän päässämme. Yksityiskohdat löytyvät palvelimen lokista.

## The search page

search-title = Haku
search-title-query = { $query } – haku
search-heading = Hae aineistopankista
search-label = Hae aineistopankista
search-placeholder = esim. klusterikartoitus, biedru aptauja, klyngeprogram
search-button = Hae
option-words-as-typed = Vain kirjoitetut sanat (ei muita kieliä)
option-words-only = Vain sanahaku (ei merkityshakua)
sort-label = Järjestys
sort-relevance = osuvuuden mukaan
sort-newest = uusimmat ensin
sort-oldest = vanhimmat ensin
sort-added = viimeksi lisätyt ensin
meaning-unavailable = Merkityshaku ei ole käytettävissä tällä palvelimella, koska kielimallia ei voitu ladata. Tulokset perustuvat pelkkiin sanoihin.
filters-heading = Rajaukset
filters-apply = Rajaa tulokset
results-count = { $count ->
    [one] { $count } tulos
   *[other] { $count } tulosta
}
results-for = haulle ”{ $query }”
also-searched = Haettiin myös kaikilla aineistopankin kielillä: { $terms }.
only-words-as-typed = Hae vain kirjoitetuilla sanoilla
relaxed = Missään asiakirjassa ei ole kaikkia hakusanojasi, joten näytetään asiakirjat, joissa on osa niistä.
did-you-mean = Tarkoititko: { $suggestion }?
typo-matched = Osaa sanoista ei löytynyt sellaisinaan, joten näytetään asiakirjat, joiden sanat ovat kirjoitusasultaan lähimpänä niitä.
feed-link = Seuraa tätä hakua (Atom-syöte)
feed-title = clusterpool: { $query }
feed-title-all = clusterpool: uutta aineistoa
suggestions-label = Ehdotuksia

## Facets: headings

facet-type = Tyyppi
facet-lang = Kieli
facet-country = Maa
facet-topic = Aihe
facet-audience = Kohderyhmä
facet-org = Organisaatio
facet-module = Koulutusmoduuli
facet-concept = Käsite

## The year filter

year-heading = Vuosi
year-from = Vuodesta
year-to = vuoteen
years-in-results = Tulosten vuodet: { $first }–{ $last }
chip-year-from = Vuodesta { $year } alkaen
chip-year-to = Vuoteen { $year } asti

## Active filters

chips-label = Käytössä olevat rajaukset
chip-remove = Poista rajaus { $label }
chips-clear = Poista kaikki rajaukset

## No results

no-results = Aineistopankista ei löytynyt osumia.
no-results-remove-filter = Kokeile poistaa jokin rajaus:
no-results-without = ilman rajausta { $label }
no-results-without-year-from = ilman rajausta vuodesta { $year } alkaen
no-results-without-year-to = ilman rajausta vuoteen { $year } asti
no-results-all-languages = Hae kaikilla aineistopankin kielillä
no-results-hint = Apua voi olla myös siitä, että käytät vähemmän tai yleisempiä sanoja, esimerkiksi ”vertailuanalyysi” kokonaisen lauseen sijaan.

## One hit

location-slide = dia { $number }
location-page = sivu { $number }
matched-term = Osuma ”{ $term }” ({ $lang }) hakusanalle ”{ $query }”
matched-meaning = Osuma merkityksen perusteella: kohta { $passage }
matched-meaning-at = Osuma merkityksen perusteella: kohta { $passage } ({ $location })

## Pages of results

pages-label = Tulossivut
pages-previous = ‹ Edellinen
pages-next = Seuraava ›

## The document page

doc-back = ‹ Takaisin hakuun
doc-type = Tyyppi
doc-language = Kieli
doc-detected = (tunnistettu, varmuus { $confidence })
decimal-separator = ,
doc-mixes = ; lisäksi { $languages }
doc-countries = Maat
doc-organisations = Organisaatiot
doc-topics = Aiheet
doc-audience = Kenelle
doc-module = Koulutusmoduuli
doc-year = Vuosi
doc-source = Lähde
doc-original = Alkuperäinen tiedosto
doc-download = Lataa { $name }
doc-text = Teksti
doc-slide = Dia { $number }
doc-page = Sivu { $number }
related-heading = Aiheeseen liittyvää aineistoa
related-none = Aiheeseen liittyvää aineistoa ei vielä ole.
related-shares = yhteiset käsitteet: { $concepts }

## Facet values: kinds of material

type-case-study = Tapaustutkimus
type-presentation = Esitys
type-tool = Työkalu
type-programme = Ohjelma
type-training-module = Koulutusmoduuli
type-other = Muu

## Facet values: audiences

audience-facilitator = Fasilitaattorit
audience-policy = Politiikan valmistelijat
audience-business-support = Yrityspalvelut

## Facet values: the eight training modules

module-basic-1 = Peruskurssi 1: Klusterikehitys ja klusteriorganisaatio
module-basic-2 = Peruskurssi 2: Klusterijohtamisen työkalut ja jäsenpalvelut
module-advanced-1 = Jatkokurssi 1: Kansainvälistyminen ja globaalit arvoketjut
module-advanced-2 = Jatkokurssi 2: Ylikansallinen yhteistyö ja kumppanihaku
module-advanced-3 = Jatkokurssi 3: Klusterien huippuosaaminen, vertailuanalyysi ja laatumerkit
module-programme-1 = Ohjelmat 1: Klusteriohjelman suunnittelu
module-programme-2 = Ohjelmat 2: Hakukierrokset, valinta ja rahoitus
module-programme-3 = Ohjelmat 3: Ohjelmien seuranta ja arviointi

## Facet values: languages of documents

lang-en = Englanti
lang-da = Tanska
lang-sv = Ruotsi
lang-no = Norja
lang-fi = Suomi
lang-et = Viro
lang-lv = Latvia
lang-lt = Liettua
lang-pl = Puola
lang-de = Saksa
lang-ru = Venäjä
lang-fr = Ranska
lang-und = Määrittämätön

## Facet values: countries

country-DK = Tanska
country-SE = Ruotsi
country-NO = Norja
country-FI = Suomi
country-IS = Islanti
country-EE = Viro
country-LV = Latvia
country-LT = Liettua
country-PL = Puola
country-DE = Saksa
country-RU = Venäjä
country-FR = Ranska
country-BY = Valko-Venäjä
country-NL = Alankomaat
country-BE = Belgia
country-GB = Yhdistynyt kuningaskunta
country-IE = Irlanti
country-ES = Espanja
country-IT = Italia
country-AT = Itävalta
country-CH = Sveitsi
country-CZ = Tšekki
country-UA = Ukraina
country-FO = Färsaaret
