# Die Webseite von clusterpool auf Deutsch, übersetzt aus en.ftl.
# Fluent-Syntax (https://projectfluent.org). Jede Sprachdatei hat genau
# dieselben Nachrichten-IDs; die `tests` in src/http/i18n.rs schlagen fehl, wenn eine fehlt.
# Platzhalter wie { $count } behalten ihre Namen; Pluralselektoren verwenden
# die CLDR-Kategorien des Deutschen (one, other).

## Die Sprache selbst

# Der Name der Sprache in ihr selbst, angezeigt in der Sprachauswahl.
ui-name = Deutsch
ui-switch = Sprache dieser Seite

## Rahmen jeder Seite

skip-to-content = Zum Inhalt springen
tagline = Clusterpraxis aus dem Ostseeraum, in zwölf Sprachen
footer-text = Bereitgestellt von Clusterorganisationen und Clusterprogrammen rund um die Ostsee.
footer-api = JSON-API

## Fehler

error-title = Fehler
error-heading = Hier stimmt etwas nicht
error-start-again = Neue Suche starten
error-invalid-parameter = Der für „{ $param }“ angegebene Wert kann nicht verwendet werden. Bitte prüfen Sie ihn und suchen Sie erneut.
error-not-found = Diese Seite oder dieses Dokument gibt es im Pool nicht.
error-method-not-allowed = Diese Adresse lässt sich so nicht verwenden.
error-unauthorized = Dafür ist das Admin-Token für die Kuratierung erforderlich.
error-admin-disabled = Die Kuratierungsfunktionen sind auf diesem Server abgeschaltet.
error-index-busy = Der Pool wird gerade neu indexiert. Bitte versuchen Sie es gleich noch einmal.
error-overloaded = Der Server ist gerade ausgelastet. Bitte versuchen Sie es gleich noch einmal.
error-timeout = Die Suche hat zu lange gedauert. Verwenden Sie weniger Wörter oder setzen Sie einen Filter.
error-payload-too-large = Die gesendeten Daten sind zu groß.
error-internal = Bei uns ist ein Fehler aufgetreten. Einzelheiten stehen im Serverprotokoll.

## Die Suchseite

search-title = Suche
search-title-query = { $query } – Suche
search-heading = Den Ressourcenpool durchsuchen
search-label = Pool durchsuchen
search-placeholder = z. B. Clusterkartierung, biedru aptauja, klyngeprogram
search-button = Suchen
option-words-as-typed = Nur die eingegebenen Wörter (ohne andere Sprachen)
option-words-only = Nur Wortsuche (keine Suche nach Bedeutung)
sort-label = Sortieren
sort-relevance = nach Relevanz
sort-newest = neueste zuerst
sort-oldest = älteste zuerst
sort-added = zuletzt hinzugefügt zuerst
meaning-unavailable = Die Suche nach Bedeutung ist auf diesem Server nicht verfügbar, weil das Sprachmodell nicht geladen werden konnte. Es wird nur nach Wörtern gesucht.
filters-heading = Filter
filters-apply = Filter anwenden
results-count = { $count ->
    [one] { $count } Treffer
   *[other] { $count } Treffer
}
results-for = für „{ $query }“
also-searched = Zusätzlich in allen Sprachen des Pools gesucht: { $terms }.
only-words-as-typed = Nur nach den eingegebenen Wörtern suchen
relaxed = Kein Dokument enthält alle Ihre Suchwörter; angezeigt werden Dokumente, die einige davon enthalten.
did-you-mean = Meinten Sie: { $suggestion }?
typo-matched = Einige Wörter wurden in der eingegebenen Schreibweise nicht gefunden; angezeigt werden Dokumente mit den am ähnlichsten geschriebenen Wörtern.
feed-link = Diese Suche abonnieren (Atom-Feed)
feed-title = clusterpool: { $query }
feed-title-all = clusterpool: neues Material
suggestions-label = Vorschläge

## Facetten: Überschriften

facet-type = Art
facet-lang = Sprache
facet-country = Land
facet-topic = Thema
facet-audience = Zielgruppe
facet-org = Organisation
facet-module = Schulungsmodul
facet-concept = Konzept

## Der Jahresfilter

year-heading = Jahr
year-from = Von
year-to = bis
years-in-results = Jahre in diesen Treffern: { $first }–{ $last }
chip-year-from = Ab { $year }
chip-year-to = Bis { $year }

## Aktive Filter

chips-label = Aktive Filter
chip-remove = Filter { $label } entfernen
chips-clear = Alle Filter entfernen

## Keine Treffer

no-results = Im Pool wurde nichts Passendes gefunden.
no-results-remove-filter = Versuchen Sie, einen Filter zu entfernen:
no-results-without = ohne { $label }
no-results-without-year-from = ohne die Einschränkung „ab { $year }“
no-results-without-year-to = ohne die Einschränkung „bis { $year }“
no-results-all-languages = In allen Sprachen des Pools suchen
no-results-hint = Auch weniger oder allgemeinere Wörter helfen, zum Beispiel „Benchmarking“ statt eines ganzen Satzes.

## Ein Treffer

location-slide = Folie { $number }
location-page = Seite { $number }
matched-term = Treffer für „{ $query }“: „{ $term }“ ({ $lang })
matched-meaning = Treffer nach Bedeutung: Abschnitt { $passage }
matched-meaning-at = Treffer nach Bedeutung: Abschnitt { $passage } ({ $location })

## Ergebnisseiten

pages-label = Ergebnisseiten
pages-previous = ‹ Zurück
pages-next = Weiter ›

## Die Dokumentseite

doc-back = ‹ Zurück zur Suche
doc-type = Art
doc-language = Sprache
doc-detected = (automatisch erkannt, Sicherheit { $confidence })
decimal-separator = ,
doc-mixes = ; enthält auch { $languages }
doc-countries = Länder
doc-organisations = Organisationen
doc-topics = Themen
doc-audience = Zielgruppe
doc-module = Schulungsmodul
doc-year = Jahr
doc-source = Quelle
doc-original = Originaldatei
doc-download = { $name } herunterladen
doc-text = Text
doc-slide = Folie { $number }
doc-page = Seite { $number }
related-heading = Verwandtes Material
related-none = Noch kein verwandtes Material.
related-shares = gemeinsame Konzepte: { $concepts }

## Facettenwerte: Arten von Material

type-case-study = Fallstudie
type-presentation = Präsentation
type-tool = Werkzeug
type-programme = Programm
type-training-module = Schulungsmodul
type-other = Sonstiges

## Facettenwerte: Zielgruppen

audience-facilitator = Prozessbegleitung
audience-policy = Politik und Verwaltung
audience-business-support = Wirtschaftsförderung

## Facettenwerte: die acht Schulungsmodule

module-basic-1 = Grundlagen 1: Clusterentwicklung und Clusterorganisation
module-basic-2 = Grundlagen 2: Werkzeuge des Clustermanagements und Leistungen für Mitglieder
module-advanced-1 = Vertiefung 1: Internationalisierung und globale Wertschöpfungsketten
module-advanced-2 = Vertiefung 2: Transnationale Zusammenarbeit und Matchmaking
module-advanced-3 = Vertiefung 3: Clusterexzellenz, Benchmarking und Gütesiegel
module-programme-1 = Programme 1: Clusterprogramme konzipieren
module-programme-2 = Programme 2: Ausschreibungen, Auswahl und Förderung
module-programme-3 = Programme 3: Monitoring und Evaluation von Programmen

## Facettenwerte: Sprachen der Dokumente

lang-en = Englisch
lang-da = Dänisch
lang-sv = Schwedisch
lang-no = Norwegisch
lang-fi = Finnisch
lang-et = Estnisch
lang-lv = Lettisch
lang-lt = Litauisch
lang-pl = Polnisch
lang-de = Deutsch
lang-ru = Russisch
lang-fr = Französisch
lang-und = Nicht bestimmt

## Facettenwerte: Länder

country-DK = Dänemark
country-SE = Schweden
country-NO = Norwegen
country-FI = Finnland
country-IS = Island
country-EE = Estland
country-LV = Lettland
country-LT = Litauen
country-PL = Polen
country-DE = Deutschland
country-RU = Russland
country-FR = Frankreich
country-BY = Belarus
country-NL = Niederlande
country-BE = Belgien
country-GB = Vereinigtes Königreich
country-IE = Irland
country-ES = Spanien
country-IT = Italien
country-AT = Österreich
country-CH = Schweiz
country-CZ = Tschechien
country-UA = Ukraine
country-FO = Färöer
