# Strona internetowa clusterpool po polsku: tłumaczenie pliku en.ftl.
# Składnia Fluent (https://projectfluent.org). Każdy plik językowy ma dokładnie
# te same identyfikatory komunikatów; `tests` w src/http/i18n.rs zgłaszają błąd, gdy któregoś brakuje.
# Wstawki takie jak { $count } zachowują swoje nazwy; selektory liczby używają
# polskich kategorii CLDR (one, few, many, other).

## Sam język

# Nazwa języka w tym języku, pokazywana w przełączniku języków.
ui-name = Polski
ui-switch = Język tej strony

## Elementy wspólne wszystkich stron

skip-to-content = Przejdź do treści
tagline = Praktyka klastrowa z regionu Morza Bałtyckiego w dwunastu językach
footer-text = Materiały udostępniają organizacje klastrowe i programy klastrowe z krajów nad Morzem Bałtyckim.
footer-api = API JSON

## Błędy

error-title = Błąd
error-heading = Coś jest nie tak
error-start-again = Rozpocznij nowe wyszukiwanie
error-invalid-parameter = Nie można użyć wartości podanej dla „{ $param }”. Sprawdź ją i wyszukaj ponownie.
error-not-found = W zbiorze nie ma takiej strony ani takiego dokumentu.
error-method-not-allowed = Tego adresu nie można użyć w ten sposób.
error-unauthorized = Do tego potrzebny jest token administracyjny opiekuna zbioru.
error-admin-disabled = Funkcje opiekuna zbioru są na tym serwerze wyłączone.
error-index-busy = Zbiór jest właśnie ponownie indeksowany. Spróbuj ponownie za chwilę.
error-overloaded = Serwer jest w tej chwili przeciążony. Spróbuj ponownie za chwilę.
error-timeout = Wyszukiwanie trwało zbyt długo. Wpisz mniej słów lub dodaj filtr.
error-payload-too-large = Przesłane dane są zbyt duże.
error-internal = Wystąpił błąd po naszej stronie. Szczegóły znajdują się w dzienniku serwera.

## Strona wyszukiwania

search-title = Wyszukiwanie
search-title-query = { $query } – wyszukiwanie
search-heading = Przeszukaj zbiór materiałów
search-label = Przeszukaj zbiór
search-placeholder = np. mapowanie klastrów, biedru aptauja, klyngeprogram
search-button = Szukaj
option-words-as-typed = Tylko wpisane słowa (bez innych języków)
option-words-only = Tylko według słów (bez wyszukiwania znaczeniowego)
sort-label = Sortuj
sort-relevance = według trafności
sort-newest = od najnowszych
sort-oldest = od najstarszych
sort-added = od ostatnio dodanych
meaning-unavailable = Wyszukiwanie znaczeniowe jest na tym serwerze niedostępne: nie udało się wczytać modelu językowego. Wyniki są dopasowywane wyłącznie według słów.
filters-heading = Filtry
filters-apply = Zastosuj filtry
results-count = { $count ->
    [one] { $count } wynik
    [few] { $count } wyniki
    [many] { $count } wyników
   *[other] { $count } wyniku
}
results-for = dla „{ $query }”
also-searched = Szukano także we wszystkich językach zbioru: { $terms }.
only-words-as-typed = Szukaj tylko wpisanych słów
relaxed = Żaden dokument nie zawiera wszystkich podanych słów; wyświetlane są dokumenty zawierające niektóre z nich.
did-you-mean = Czy chodziło Ci o: { $suggestion }?
typo-matched = Niektórych słów nie znaleziono w takiej postaci, w jakiej je wpisano; wyświetlane są dokumenty ze słowami o najbardziej zbliżonej pisowni.
feed-link = Obserwuj to wyszukiwanie (kanał Atom)
feed-title = clusterpool: { $query }
feed-title-all = clusterpool: nowe materiały
suggestions-label = Podpowiedzi

## Fasety: nagłówki

facet-type = Rodzaj
facet-lang = Język
facet-country = Kraj
facet-topic = Temat
facet-audience = Odbiorcy
facet-org = Organizacja
facet-module = Moduł szkoleniowy
facet-concept = Pojęcie

## Filtr roku

year-heading = Rok
year-from = Od
year-to = do
years-in-results = Wyniki obejmują lata { $first }–{ $last }
chip-year-from = Od { $year } r.
chip-year-to = Do { $year } r.

## Aktywne filtry

chips-label = Aktywne filtry
chip-remove = Usuń filtr { $label }
chips-clear = Wyczyść wszystkie filtry

## Brak wyników

no-results = W zbiorze nie ma pasujących materiałów.
no-results-remove-filter = Spróbuj usunąć filtr:
no-results-without = bez filtra { $label }
no-results-without-year-from = bez ograniczenia „od { $year } r.”
no-results-without-year-to = bez ograniczenia „do { $year } r.”
no-results-all-languages = Szukaj we wszystkich językach zbioru
no-results-hint = Pomaga też wpisanie mniejszej liczby słów lub słów bardziej ogólnych, na przykład „benchmarking” zamiast całego zdania.

## Jedno trafienie

location-slide = slajd { $number }
location-page = strona { $number }
matched-term = Dopasowano „{ $term }” ({ $lang }) jako odpowiednik hasła „{ $query }”
matched-meaning = Dopasowanie znaczeniowe: fragment { $passage }
matched-meaning-at = Dopasowanie znaczeniowe: fragment { $passage } ({ $location })

## Strony wyników

pages-label = Strony wyników
pages-previous = ‹ Poprzednia
pages-next = Następna ›

## Strona dokumentu

doc-back = ‹ Powrót do wyszukiwania
doc-type = Rodzaj
doc-language = Język
doc-detected = (wykryty automatycznie, pewność { $confidence })
decimal-separator = ,
doc-mixes = ; w tekście występują: { $languages }
doc-countries = Kraje
doc-organisations = Organizacje
doc-topics = Tematy
doc-audience = Dla kogo
doc-module = Moduł szkoleniowy
doc-year = Rok
doc-source = Źródło
doc-original = Plik oryginalny
doc-download = Pobierz { $name }
doc-text = Tekst
doc-slide = Slajd { $number }
doc-page = Strona { $number }
related-heading = Powiązane materiały
related-none = Na razie brak powiązanych materiałów.
related-shares = wspólne pojęcia: { $concepts }

## Wartości faset: rodzaje materiałów

type-case-study = Studium przypadku
type-presentation = Prezentacja
type-tool = Narzędzie
type-programme = Program
type-training-module = Moduł szkoleniowy
type-other = Inne

## Wartości faset: odbiorcy

audience-facilitator = Facylitatorzy
audience-policy = Twórcy polityk publicznych
audience-business-support = Instytucje otoczenia biznesu

## Wartości faset: osiem modułów szkoleniowych

module-basic-1 = Kurs podstawowy 1: Rozwój klastrów i organizacja klastrowa
module-basic-2 = Kurs podstawowy 2: Narzędzia zarządzania klastrem i usługi dla członków
module-advanced-1 = Kurs zaawansowany 1: Internacjonalizacja i globalne łańcuchy wartości
module-advanced-2 = Kurs zaawansowany 2: Współpraca ponadnarodowa i kojarzenie partnerów
module-advanced-3 = Kurs zaawansowany 3: Doskonałość klastrów, benchmarking i certyfikaty jakości
module-programme-1 = Programy 1: Projektowanie programu klastrowego
module-programme-2 = Programy 2: Nabory, selekcja i finansowanie
module-programme-3 = Programy 3: Monitorowanie i ewaluacja programów

## Wartości faset: języki dokumentów

lang-en = Angielski
lang-da = Duński
lang-sv = Szwedzki
lang-no = Norweski
lang-fi = Fiński
lang-et = Estoński
lang-lv = Łotewski
lang-lt = Litewski
lang-pl = Polski
lang-de = Niemiecki
lang-ru = Rosyjski
lang-fr = Francuski
lang-und = Nieokreślony

## Wartości faset: kraje

country-DK = Dania
country-SE = Szwecja
country-NO = Norwegia
country-FI = Finlandia
country-IS = Islandia
country-EE = Estonia
country-LV = Łotwa
country-LT = Litwa
country-PL = Polska
country-DE = Niemcy
country-RU = Rosja
country-FR = Francja
country-BY = Białoruś
country-NL = Niderlandy
country-BE = Belgia
country-GB = Wielka Brytania
country-IE = Irlandia
country-ES = Hiszpania
country-IT = Włochy
country-AT = Austria
country-CH = Szwajcaria
country-CZ = Czechy
country-UA = Ukraina
country-FO = Wyspy Owcze
