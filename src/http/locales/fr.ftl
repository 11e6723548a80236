# La page web de clusterpool en français, traduite d’après en.ftl.
# Syntaxe Fluent (https://projectfluent.org). Chaque fichier de langue a exactement
# les mêmes identifiants de message ; les `tests` de src/http/i18n.rs échouent s’il en manque un.
# Les placeables comme { $count } gardent leur nom ; les sélecteurs de pluriel utilisent
# les catégories CLDR du français (one, many, other).

## La langue elle-même

# Le nom de la langue dans cette langue, affiché dans le sélecteur de langue.
ui-name = Français
ui-switch = Langue de cette page

## Cadre de chaque page

skip-to-content = Aller au contenu
tagline = Les pratiques des clusters de la région de la mer Baltique, en douze langues
footer-text = Mis en commun par des organisations de cluster et des programmes de tout le pourtour de la mer Baltique.
footer-api = API JSON

## Erreurs

error-title = Problème
error-heading = Quelque chose ne va pas
error-start-again = Lancer une nouvelle recherche
error-invalid-parameter = La valeur indiquée pour « { $param } » n’est pas utilisable. Veuillez la vérifier et relancer la recherche.
error-not-found = Cette page ou ce document n’existe pas dans la base.
error-method-not-allowed = Cette adresse ne peut pas être utilisée de cette façon.
error-unauthorized = Cette action nécessite le jeton d’administration réservé à la curation.
error-admin-disabled = Les fonctions de curation sont désactivées sur ce serveur.
error-index-busy = La base est en cours de réindexation. Veuillez réessayer dans un instant.
error-overloaded = Le serveur est très sollicité en ce moment. Veuillez réessayer dans un instant.
error-timeout = La recherche a pris trop de temps. Essayez avec moins de mots ou ajoutez un filtre.
error-payload-too-large = Les données envoyées sont trop volumineuses.
error-internal = Une erreur s’est produite de notre côté. Le journal du serveur en donne le détail.

## La page de recherche

search-title = Recherche
search-title-query = { $query } – recherche
search-heading = Rechercher dans la base documentaire
search-label = Rechercher dans la base
search-placeholder = p. ex. cartographie des clusters, biedru aptauja, klyngeprogram
search-button = Rechercher
option-words-as-typed = Uniquement les mots saisis (sans les autres langues)
option-words-only = Mots seulement (sans recherche par le sens)
sort-label = Trier
sort-relevance = par pertinence
sort-newest = les plus récents d’abord
sort-oldest = les plus anciens d’abord
sort-added = ajoutés récemment d’abord
meaning-unavailable = La recherche par le sens n’est pas disponible sur ce serveur : le modèle de langue n’a pas pu être chargé. Les résultats ne reposent que sur les mots.
filters-heading = Filtres
filters-apply = Appliquer les filtres
results-count = { $count ->
    [one] { $count } résultat
    [many] { $count } de résultats
   *[other] { $count } résultats
}
results-for = pour « { $query } »
also-searched = Recherche étendue à toutes les langues de la base : { $terms }.
only-words-as-typed = Rechercher uniquement les mots saisis
relaxed = Aucun document ne contient tous vos mots ; voici ceux qui en contiennent certains.
did-you-mean = Vouliez-vous dire : { $suggestion } ?
typo-matched = Certains mots n’ont pas été trouvés tels que saisis ; voici les documents contenant les mots dont l’orthographe est la plus proche.
feed-link = Suivre cette recherche (flux Atom)
feed-title = clusterpool : { $query }
feed-title-all = clusterpool : nouveaux documents
suggestions-label = Suggestions

## Facettes : intitulés

facet-type = Type
facet-lang = Langue
facet-country = Pays
facet-topic = Thème
facet-audience = Public
facet-org = Organisation
facet-module = Module de formation
facet-concept = Concept

## Le filtre par année

year-heading = Année
year-from = De
year-to = à
years-in-results = Années couvertes par ces résultats : { $first }–{ $last }
chip-year-from = À partir de { $year }
chip-year-to = Jusqu’à { $year }

## Filtres actifs

chips-label = Filtres actifs
chip-remove = Retirer le filtre { $label }
chips-clear = Retirer tous les filtres

## Aucun résultat

no-results = Aucun document de la base ne correspond à votre recherche.
no-results-remove-filter = Essayez de retirer un filtre :
no-results-without = sans { $label }
no-results-without-year-from = sans la limite « à partir de { $year } »
no-results-without-year-to = sans la limite « jusqu’à { $year } »
no-results-all-languages = Rechercher dans toutes les langues de la base
no-results-hint = Des mots moins nombreux ou plus généraux peuvent aussi aider, par exemple « benchmarking » plutôt qu’une phrase entière.

## Un résultat

location-slide = diapositive { $number }
location-page = page { $number }
matched-term = Correspondance : « { $term } » ({ $lang }) pour « { $query } »
matched-meaning = Correspondance par le sens : passage { $passage }
matched-meaning-at = Correspondance par le sens : passage { $passage } ({ $location })

## Pages de résultats

pages-label = Pages de résultats
pages-previous = ‹ Précédent
pages-next = Suivant ›

## La page d’un document

doc-back = ‹ Retour à la recherche
doc-type = Type
doc-language = Langue
doc-detected = (détectée automatiquement, indice de confiance { $confidence })
decimal-separator = ,
doc-mixes =  ; contient aussi { $languages }
doc-countries = Pays
doc-organisations = Organisations
doc-topics = Thèmes
doc-audience = Public
doc-module = Module de formation
doc-year = Année
doc-source = Source
doc-original = Fichier original
doc-download = Télécharger { $name }
doc-text = Texte
doc-slide = Diapositive { $number }
doc-page = Page { $number }
related-heading = Documents apparentés
related-none = Aucun document apparenté pour l’instant.
related-shares = concepts communs : { $concepts }

## Valeurs de facette : types de documents

type-case-study = Étude de cas
type-presentation = Présentation
type-tool = Outil
type-programme = Programme
type-training-module = Module de formation
type-other = Autre

## Valeurs de facette : publics

audience-facilitator = Facilitateurs
audience-policy = Responsables des politiques publiques
audience-business-support = Accompagnement des entreprises

## Valeurs de facette : les huit modules de formation

module-basic-1 = Fondamentaux 1 : Développement des clusters et organisation de cluster
module-basic-2 = Fondamentaux 2 : Outils de gestion de cluster et services aux membres
module-advanced-1 = Perfectionnement 1 : Internationalisation et chaînes de valeur mondiales
module-advanced-2 = Perfectionnement 2 : Coopération transnationale et mise en relation d’affaires
module-advanced-3 = Perfectionnement 3 : Excellence des clusters, benchmarking et labels
module-programme-1 = Programmes 1 : Concevoir un programme de pôles de compétitivité
module-programme-2 = Programmes 2 : Appels à candidatures, sélection et financement
module-programme-3 = Programmes 3 : Suivi et évaluation des programmes

## Valeurs de facette : langues des documents

lang-en = Anglais
lang-da = Danois
lang-sv = Suédois
lang-no = Norvégien
lang-fi = Finnois
lang-et = Estonien
lang-lv = Letton
lang-lt = Lituanien
lang-pl = Polonais
lang-de = Allemand
lang-ru = Russe
lang-fr = Français
lang-und = Indéterminée

## Valeurs de facette : pays

country-DK = Danemark
country-SE = Suède
country-NO = Norvège
country-FI = Finlande
country-IS = Islande
country-EE = Estonie
country-LV = Lettonie
country-LT = Lituanie
country-PL = Pologne
country-DE = Allemagne
country-RU = Russie
country-FR = France
country-BY = Biélorussie
country-NL = Pays-Bas
country-BE = Belgique
country-GB = Royaume-Uni
country-IE = Irlande
country-ES = Espagne
country-IT = Italie
country-AT = Autriche
country-CH = Suisse
country-CZ = Tchéquie
country-UA = Ukraine
country-FO = Îles Féroé
