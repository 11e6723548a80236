# clusterpool's web page in English: the source every other language follows.
# Fluent syntax (https://projectfluent.org). Each language file has exactly the
# same message ids; `tests` in src/http/i18n.rs fail when one is missing.
# Placeables such as { $count } keep their names; plural selectors use the
# language's own CLDR categories (one, few, many, other …).

## The language itself

# The language's name in itself, shown in the language switcher.
ui-name = English
ui-switch = Language of this page

## Frame of every page

skip-to-content = Skip to content
tagline = Cluster practice from the Baltic Sea Region, in twelve languages
footer-text = Shared by cluster organisations and programmes around the Baltic Sea.
footer-api = JSON API

## Errors

error-title = Problem
error-heading = Something is not right
error-start-again = Start a new search
error-invalid-parameter = The value given for “{ $param }” cannot be used. Please check it and search again.
error-not-found = There is no such page or document in the pool.
error-method-not-allowed = This address cannot be used that way.
error-unauthorized = This needs the curator's admin token.
error-admin-disabled = Curator functions are turned off on this server.
error-index-busy = The pool is being re-indexed right now. Please try again in a moment.
error-overloaded = The server is busy right now. Please try again in a moment.
error-timeout = The search took too long. Try fewer words or add a filter.
error-payload-too-large = What was sent is too large.
error-internal = Something went wrong on our side. The server's log has the details.

## The search page

search-title = Search
search-title-query = { $query } – search
search-heading = Search the resource pool
search-label = Search the pool
search-placeholder = e.g. cluster mapping, biedru aptauja, klyngeprogram
search-button = Search
option-words-as-typed = Only the words as typed (no other languages)
option-words-only = Words only (no matching by meaning)
sort-label = Sort
sort-relevance = by relevance
sort-newest = newest first
sort-oldest = oldest first
sort-added = recently added first
meaning-unavailable = Search by meaning is unavailable on this server: the language model could not be loaded. Results match by words only.
filters-heading = Filter
filters-apply = Apply filters
results-count = { $count ->
    [one] { $count } result
   *[other] { $count } results
}
results-for = for “{ $query }”
also-searched = Also searched in every language of the pool: { $terms }.
only-words-as-typed = Search only the words as typed
relaxed = No document has all of your words; showing documents with some of them.
did-you-mean = Did you mean: { $suggestion }?
typo-matched = Some words were not found as typed; showing documents with words spelled closest to them.
feed-link = Follow this search (Atom feed)
feed-title = clusterpool: { $query }
feed-title-all = clusterpool: new material
suggestions-label = Suggestions

## Facets: headings

facet-type = Type
facet-lang = Language
facet-country = Country
facet-topic = Topic
facet-audience = Audience
facet-org = Organisation
facet-module = Training module
facet-concept = Concept

## The year filter

year-heading = Year
year-from = From
year-to = to
years-in-results = Years in these results: { $first }–{ $last }
chip-year-from = From { $year }
chip-year-to = Until { $year }

## Active filters

chips-label = Active filters
chip-remove = Remove filter { $label }
chips-clear = Clear all filters

## No results

no-results = Nothing in the pool matches.
no-results-remove-filter = Try removing a filter:
no-results-without = without { $label }
no-results-without-year-from = without the year limit from { $year }
no-results-without-year-to = without the year limit to { $year }
no-results-all-languages = Search in all languages of the pool
no-results-hint = Fewer or more general words also help, for example “benchmarking” instead of a full sentence.

## One hit

location-slide = slide { $number }
location-page = page { $number }
matched-term = Matched “{ $term }” ({ $lang }) for “{ $query }”
matched-meaning = Matched by meaning: passage { $passage }
matched-meaning-at = Matched by meaning: passage { $passage } ({ $location })

## Pages of results

pages-label = Result pages
pages-previous = ‹ Previous
pages-next = Next ›

## The document page

doc-back = ‹ Back to search
doc-type = Type
doc-language = Language
doc-detected = (detected, confidence { $confidence })
decimal-separator = .
doc-mixes = ; mixes { $languages }
doc-countries = Countries
doc-organisations = Organisations
doc-topics = Topics
doc-audience = For
doc-module = Training module
doc-year = Year
doc-source = Source
doc-original = Original file
doc-download = Download { $name }
doc-text = Text
doc-slide = Slide { $number }
doc-page = Page { $number }
related-heading = Related material
related-none = Nothing related yet.
related-shares = shares: { $concepts }

## Facet values: kinds of material

type-case-study = Case study
type-presentation = Presentation
type-tool = Tool
type-programme = Programme
type-training-module = Training module
type-other = Other

## Facet values: audiences

audience-facilitator = Facilitators
audience-policy = Policy staff
audience-business-support = Business support

## Facet values: the eight training modules

module-basic-1 = Basic 1: Cluster development and the cluster organisation
module-basic-2 = Basic 2: Cluster management tools and member services
module-advanced-1 = Advanced 1: Internationalisation and global value chains
module-advanced-2 = Advanced 2: Transnational cooperation and matchmaking
module-advanced-3 = Advanced 3: Cluster excellence, benchmarking and labels
module-programme-1 = Programmes 1: Designing a cluster programme
module-programme-2 = Programmes 2: Calls, selection and funding
module-programme-3 = Programmes 3: Monitoring and evaluating programmes

## Facet values: languages of documents

lang-en = English
lang-da = Danish
lang-sv = Swedish
lang-no = Norwegian
lang-fi = Finnish
lang-et = Estonian
lang-lv = Latvian
lang-lt = Lithuanian
lang-pl = Polish
lang-de = German
lang-ru = Russian
lang-fr = French
lang-und = Undetermined

## Facet values: countries

country-DK = Denmark
country-SE = Sweden
country-NO = Norway
country-FI = Finland
country-IS = Iceland
country-EE = Estonia
country-LV = Latvia
country-LT = Lithuania
country-PL = Poland
country-DE = Germany
country-RU = Russia
country-FR = France
country-BY = Belarus
country-NL = Netherlands
country-BE = Belgium
country-GB = United Kingdom
country-IE = Ireland
country-ES = Spain
country-IT = Italy
country-AT = Austria
country-CH = Switzerland
country-CZ = Czechia
country-UA = Ukraine
country-FO = Faroe Islands
