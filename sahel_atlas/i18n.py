"""English and French: every interface text, label and date format, looked up by key.

Data values (descriptions, notes, place names) stay as curated; event titles have a French version in
the `title_fr` column. Validation messages about data/ files are for its maintainers and stay English.
"""

from datetime import date

from babel.dates import format_skeleton

LANGUAGES = {"en": "English", "fr": "Français"}
DEFAULT_LANGUAGE = "en"

CATEGORY_LABELS = {
    "en": {
        "deployment": "Deployment",
        "withdrawal": "Withdrawal",
        "base": "Base",
        "coup": "Coup or attempt",
        "attack": "Attack",
        "agreement": "Agreement",
        "diplomacy": "Diplomacy",
    },
    "fr": {
        "deployment": "Déploiement",
        "withdrawal": "Retrait",
        "base": "Base",
        "coup": "Coup d'État ou tentative",
        "attack": "Attaque",
        "agreement": "Accord",
        "diplomacy": "Diplomatie",
    },
}
REGIME_LABELS = {
    "en": {"civilian": "Civilian government", "military-led transition": "Military-led transition", "junta": "Junta"},
    "fr": {
        "civilian": "Gouvernement civil",
        "military-led transition": "Transition dirigée par des militaires",
        "junta": "Junte",
    },
}
HOLDER_LABELS = {
    "en": {
        "France": "France",
        "United States": "United States",
        "Germany": "Germany",
        "UN": "UN (MINUSMA)",
        "Russia": "Russia / Wagner / Africa Corps",
        "national": "National or other forces",
    },
    "fr": {
        "France": "France",
        "United States": "États-Unis",
        "Germany": "Allemagne",
        "UN": "ONU (MINUSMA)",
        "Russia": "Russie / Wagner / Africa Corps",
        "national": "Forces nationales ou autres",
    },
}
REGION_LABELS = {
    "en": {
        "Sahel": "Sahel",
        "Mali": "Mali",
        "Niger": "Niger",
        "Gulf of Guinea": "Gulf of Guinea",
        "West and Central Africa": "West and Central Africa",
    },
    "fr": {
        "Sahel": "Sahel",
        "Mali": "Mali",
        "Niger": "Niger",
        "Gulf of Guinea": "Golfe de Guinée",
        "West and Central Africa": "Afrique de l'Ouest et centrale",
    },
}
PRECISION_LABELS = {
    "en": {
        "day": "day",
        "month": "month",
        "year": "year",
        "exact": "exact site",
        "town": "town",
        "region": "region",
        "country": "country",
    },
    "fr": {
        "day": "jour",
        "month": "mois",
        "year": "année",
        "exact": "site exact",
        "town": "ville",
        "region": "région",
        "country": "pays",
    },
}
# Babel's locale for each interface language (British English: day before month).
LOCALES = {"en": "en_GB", "fr": "fr_FR"}
# Babel skeletons for a date known to the day, the month or the year only (date_precision).
PRECISION_SKELETONS = {"day": "yMMMd", "month": "yMMM", "year": "y"}

TEXT = {
    # navigation and headings
    "overview": {"en": "Overview", "fr": "Vue d'ensemble"},
    "map": {"en": "Map", "fr": "Carte"},
    "timeline": {"en": "Timeline", "fr": "Chronologie"},
    "data": {"en": "Data and downloads", "fr": "Données et téléchargements"},
    "about": {"en": "About the data", "fr": "À propos des données"},
    "tagline": {
        "en": "A curated, sourced record of the international military presence in the Sahel and the Gulf of "
        "Guinea, 2013–2025: deployments and withdrawals, bases, coups, major attacks, agreements and ruptures.",
        "fr": "Un relevé vérifié et sourcé de la présence militaire internationale au Sahel et dans le golfe "
        "de Guinée, 2013–2025 : déploiements et retraits, bases, coups d'État, attaques majeures, accords et "
        "ruptures.",
    },
    "explore": {"en": "Explore", "fr": "Explorer"},
    "link_map": {
        "en": "Map: where things happened, and which bases were held when",
        "fr": "Carte : où les faits ont eu lieu, et quelles bases étaient tenues quand",
    },
    "link_timeline": {
        "en": "Timeline: operations, bases and events",
        "fr": "Chronologie : opérations, bases et événements",
    },
    "link_data": {"en": "Data and downloads (CSV, GeoJSON)", "fr": "Données et téléchargements (CSV, GeoJSON)"},
    "link_about": {
        "en": "About the data: method, sources, citation",
        "fr": "À propos des données : méthode, sources, citation",
    },
    # sidebar
    "language": {"en": "Language", "fr": "Langue"},
    "filters": {"en": "Filters", "fr": "Filtres"},
    "date_range": {"en": "Date range", "fr": "Période"},
    "date_range_help": {
        "en": "Spans (operations, bases) are kept when they overlap the range. Default {start} to {end}.",
        "fr": "Les périodes (opérations, bases) sont gardées si elles chevauchent la période. Par défaut du "
        "{start} au {end}.",
    },
    "actors": {"en": "Actors", "fr": "Acteurs"},
    "categories": {"en": "Categories", "fr": "Catégories"},
    "choose": {"en": "Choose…", "fr": "Choisir…"},
    "countries": {"en": "Countries", "fr": "Pays"},
    "search": {"en": "Search text", "fr": "Recherche"},
    "search_placeholder": {"en": "e.g. Ménaka, Wagner, handover", "fr": "ex. Ménaka, Wagner, rétrocession"},
    "search_help": {
        "en": "Searches titles, descriptions, places, actors and their aliases; accents optional.",
        "fr": "Cherche dans les titres, descriptions, lieux, acteurs et leurs alias ; accents facultatifs.",
    },
    "reset": {"en": "Reset filters", "fr": "Réinitialiser les filtres"},
    "footer": {
        "en": "Dataset v{version} (cut-off {cutoff}, {licence}): curated events, each with its sources · "
        "Boundaries: Natural Earth (public domain) · Maps work offline.",
        "fr": "Jeu de données v{version} (arrêté au {cutoff}, {licence}) : événements vérifiés, chacun avec ses "
        "sources · Frontières : Natural Earth (domaine public) · Cartes utilisables hors ligne.",
    },
    "copy_link_help": {
        "en": "Copy this address to share exactly what you see.",
        "fr": "Copiez cette adresse pour partager exactement ce que vous voyez.",
    },
    # messages
    "data_problems": {
        "en": "The data has {count} problem(s); the rows concerned are left out until they are fixed.",
        "fr": "Les données ont {count} problème(s) ; les lignes concernées sont écartées jusqu'à correction.",
    },
    "unreadable": {
        "en": "Sahel Atlas could not read its data or geography files: {error}",
        "fr": "Sahel Atlas n'a pas pu lire ses fichiers de données ou de géographie : {error}",
    },
    "notice_bad_date": {
        "en": "Ignored the date {key}={value!r}: not a date written YYYY-MM-DD.",
        "fr": "Date ignorée {key}={value!r} : ce n'est pas une date AAAA-MM-JJ.",
    },
    "notice_out_of_range": {
        "en": "Ignored the date {key}={value}: outside {start} to {end}.",
        "fr": "Date ignorée {key}={value} : hors de la période {start} – {end}.",
    },
    "notice_reversed": {
        "en": "Ignored the date range {start} to {end}: it ends before it starts.",
        "fr": "Période ignorée {start} – {end} : elle finit avant de commencer.",
    },
    "notice_unknown_value": {
        "en": "Ignored the unknown {what} {value!r}.",
        "fr": "Valeur inconnue ignorée ({what}) : {value!r}.",
    },
    "notice_unknown_key": {
        "en": "Ignored the unknown setting {key!r} in the link.",
        "fr": "Paramètre inconnu ignoré dans le lien : {key!r}.",
    },
    "what_actor": {"en": "actor", "fr": "acteur"},
    "what_category": {"en": "category", "fr": "catégorie"},
    "what_country": {"en": "country", "fr": "pays"},
    "what_region": {"en": "region", "fr": "région"},
    "what_language": {"en": "language", "fr": "langue"},
    "what_event": {"en": "event", "fr": "événement"},
    "what_window": {"en": "window", "fr": "fenêtre"},
    "no_match": {
        "en": "No event matches these filters. Widen the date range or clear a filter.",
        "fr": "Aucun événement ne correspond à ces filtres. Élargissez la période ou retirez un filtre.",
    },
    # selection sentence
    "sentence_all": {"en": "All {what} from {start} to {end}", "fr": "{what} du {start} au {end}"},
    "sentence_events": {"en": "events", "fr": "Tous les événements"},
    "sentence_category_events": {"en": "{categories} events", "fr": "Événements de type {categories}"},
    "sentence_involving": {"en": " involving {actors}", "fr": " impliquant {actors}"},
    "sentence_in": {"en": " in {countries}", "fr": " concernant {countries}"},
    "sentence_matching": {"en": " matching “{text}”", "fr": " contenant « {text} »"},
    "or": {"en": "or", "fr": "ou"},
    "shown": {
        "en": "**{count}** event(s) shown, of {total} in the dataset.",
        "fr": "**{count}** événement(s) affiché(s), sur {total} dans le jeu de données.",
    },
    # overview
    "m_events": {"en": "Events", "fr": "Événements"},
    "m_coups": {"en": "Coups and attempts", "fr": "Coups d'État et tentatives"},
    "m_bases": {"en": "Bases active on {day}", "fr": "Bases actives le {day}"},
    "m_fatalities": {"en": "Reported fatalities", "fr": "Morts rapportés"},
    "m_fatalities_help": {
        "en": "Sum of the figures reported in {count} event(s) that have one; events with no reported figure "
        "add nothing.",
        "fr": "Somme des bilans rapportés pour {count} événement(s) qui en ont un ; les événements sans bilan "
        "n'ajoutent rien.",
    },
    "per_year": {"en": "Events per year, by category", "fr": "Événements par an, par catégorie"},
    "events_axis": {"en": "events", "fr": "événements"},
    # map
    "region": {"en": "Region", "fr": "Région"},
    "as_of": {"en": "As of", "fr": "À la date du"},
    "as_of_help": {
        "en": "The map shows the bases held, the operations under way and each country's regime on "
        "this date, and the events of the chosen window before it.",
        "fr": "La carte montre les bases tenues, les opérations en cours et le régime de chaque pays "
        "à cette date, et les événements de la fenêtre choisie avant elle.",
    },
    "window": {"en": "Events of the preceding", "fr": "Événements des"},
    "window_months": {"en": "{n} months", "fr": "{n} mois précédents"},
    "window_all": {"en": "whole date range", "fr": "toute la période"},
    "play": {"en": "Play", "fr": "Lecture"},
    "pause": {"en": "Pause", "fr": "Pause"},
    "play_help": {"en": "Step the date forward month by month.", "fr": "Avancer la date mois par mois."},
    "operations_active": {"en": "Operations under way on {day}", "fr": "Opérations en cours le {day}"},
    "none": {"en": "none", "fr": "aucune"},
    "click_marker": {
        "en": "Click a marker, or a point on the timeline, to see its full record here.",
        "fr": "Cliquez un marqueur, ou un point de la chronologie, pour voir sa fiche ici.",
    },
    "map_table": {"en": "Table of what the map shows", "fr": "Tableau de ce que montre la carte"},
    "snapshot": {"en": "Download what was in place on {day} (CSV)", "fr": "Télécharger la situation au {day} (CSV)"},
    "legend_categories": {"en": "Events", "fr": "Événements"},
    "legend_bases": {"en": "Bases held, by holder", "fr": "Bases tenues, par détenteur"},
    "legend_regimes": {"en": "Regime", "fr": "Régime"},
    "cite_title": {"en": "Cite this view", "fr": "Citer cette vue"},
    "citation": {
        "en": "{author} ({year}). {title}, version {version}. {link} (accessed {accessed}).",
        "fr": "{author} ({year}). {title}, version {version}. {link} (consulté le {accessed}).",
    },
    "legend_approximate": {"en": "hollow: approximate point", "fr": "creux : point approximatif"},
    "legend_faded": {
        "en": "older events of the window are faded",
        "fr": "les événements plus anciens de la fenêtre sont estompés",
    },
    "layer_boundaries": {"en": "Boundaries", "fr": "Frontières"},
    "layer_water": {"en": "Rivers and lakes", "fr": "Fleuves et lacs"},
    "layer_tiles": {"en": "Online tiles (OSM)", "fr": "Fond en ligne (OSM)"},
    "layer_events": {"en": "Events", "fr": "Événements"},
    "layer_bases": {"en": "Bases", "fr": "Bases"},
    "layer_regimes": {"en": "Regimes", "fr": "Régimes"},
    "layer_selected": {"en": "Selected event", "fr": "Événement sélectionné"},
    # record
    "precision": {"en": "{precision} precision", "fr": "précision : {precision}"},
    "ongoing": {"en": "{start} → ongoing", "fr": "{start} → en cours"},
    "approximate": {
        "en": "{place} (approximate point: {precision} precision)",
        "fr": "{place} (point approximatif, précision : {precision})",
    },
    "f_actors": {"en": "Actors", "fr": "Acteurs"},
    "f_operation": {"en": "Operation", "fr": "Opération"},
    "f_countries": {"en": "Countries", "fr": "Pays"},
    "f_place": {"en": "Place", "fr": "Lieu"},
    "f_fatalities": {"en": "Reported fatalities", "fr": "Morts rapportés"},
    "f_troops": {"en": "Troops", "fr": "Effectifs"},
    "f_notes": {"en": "Notes", "fr": "Notes"},
    "f_sources": {"en": "Sources", "fr": "Sources"},
    # timeline
    "span_suffix": {"en": "(span)", "fr": "(période)"},
    "base_lane": {"en": "base", "fr": "base"},
    "filter_band": {"en": "date filter", "fr": "période filtrée"},
    "timeline_caption": {
        "en": "Bars: operations, missions and base occupations, from start to end (or to the dataset's cut-off "
        "when still under way). Markers: point events, one lane per category. Hover for date, title and place; "
        "click a point or bar to select it here and on the map. Shaded band: the date filter; dashed line: "
        "the map's as-of date.",
        "fr": "Barres : opérations, missions et occupations de bases, du début à la fin (ou à la date d'arrêt "
        "du jeu de données si elles se poursuivent). Marqueurs : événements ponctuels, une ligne par catégorie. "
        "Survolez pour la date, le titre et le lieu ; cliquez un point ou une barre pour le sélectionner ici et "
        "sur la carte. Bande grisée : la période filtrée ; tirets : la date de la carte.",
    },
    # about page
    "about_intro": {
        "en": "**{title}** — version **{version}**, cut-off {cutoff}, released {released}, data licence {licence} "
        "(code: MIT). {events} events, {actors} actors, {operations} operations; every event cites the sources it "
        "was checked against. This page describes the whole dataset, whatever the filters.",
        "fr": "**{title}** — version **{version}**, arrêtée au {cutoff}, publiée le {released}, données sous "
        "licence {licence} (code : MIT). {events} événements, {actors} acteurs, {operations} opérations ; chaque "
        "événement cite les sources qui ont servi à le vérifier. Cette page décrit tout le jeu de données, quels "
        "que soient les filtres.",
    },
    "coverage": {"en": "Coverage", "fr": "Couverture"},
    "strength": {"en": "Troop strength over time", "fr": "Effectifs au fil du temps"},
    "strength_force": {"en": "Force", "fr": "Force"},
    "strength_caption": {
        "en": "Each point is a figure stated by a cited source (data/troop_strength.csv), by the area it covers; "
        "hollow points are authorised ceilings, planned figures or estimates. Lines join the points of one area "
        "and say nothing about the months between them.",
        "fr": "Chaque point est un chiffre donné par une source citée (data/troop_strength.csv), selon la zone "
        "couverte ; les points creux sont des plafonds autorisés, des prévisions ou des estimations. Les lignes "
        "relient les points d'une même zone et ne disent rien des mois intermédiaires.",
    },
    "troops_axis": {"en": "personnel", "fr": "personnels"},
    "cite": {"en": "How to cite", "fr": "Comment citer"},
    "cite_note": {
        "en": "For a single fact, cite the sources listed in its row as well: Sahel Atlas records where each fact "
        "comes from, it is not itself the original source. Downloads carry the version in their file name and a "
        "metadata file.",
        "fr": "Pour un fait précis, citez aussi les sources de sa ligne : Sahel Atlas indique d'où vient chaque "
        "fait, il n'en est pas la source originale. Les téléchargements portent la version dans leur nom et un "
        "fichier de métadonnées.",
    },
    "report_form": {
        "en": "Error report for Sahel Atlas\nevent_id: {event_id}\ntitle: {title}\ndataset version: {version}\n"
        "view: {link}\n\nWhich field is wrong:\nWhat it should say:\nSource (URL) that shows it:\n",
        "fr": "Signalement d'erreur pour Sahel Atlas\nevent_id : {event_id}\ntitre : {title}\n"
        "version des données : {version}\nvue : {link}\n\nChamp erroné :\nCe qu'il devrait indiquer :\n"
        "Source (URL) qui le montre :\n",
    },
    "report_event": {"en": "Report an error in this record", "fr": "Signaler une erreur dans cette fiche"},
    "report_event_help": {
        "en": "Copy this text, fill in the last three lines and send it to the maintainers as CONTRIBUTING.md says; "
        "the event id and the link let them find the row.",
        "fr": "Copiez ce texte, remplissez les trois dernières lignes et envoyez-le aux responsables comme l'indique "
        "CONTRIBUTING.md ; l'identifiant et le lien leur permettent de retrouver la ligne.",
    },
    "report": {"en": "Report an error", "fr": "Signaler une erreur"},
    "report_text": {
        "en": "Each record has a *Report an error in this record* box with a prefilled text (the event's "
        "`event_id`, the dataset version and the view's link): add what is wrong and a source that shows the "
        "correct fact, and open an issue in the Sahel Atlas repository with it. CONTRIBUTING.md says how a "
        "correction is checked; corrections are listed in the changelog of the data dictionary and in the next "
        "version's number.",
        "fr": "Chaque fiche a un encadré *Signaler une erreur dans cette fiche* avec un texte prérempli "
        "(l'`event_id` de l'événement, la version des données et le lien de la vue) : ajoutez ce qui est faux et "
        "une source qui montre le fait exact, puis ouvrez un ticket dans le dépôt de Sahel Atlas avec ce texte. "
        "CONTRIBUTING.md explique comment une correction est vérifiée ; les corrections figurent dans le journal "
        "des modifications du dictionnaire et dans le numéro de la version suivante.",
    },
    "sources_title": {"en": "Sources", "fr": "Sources"},
    "sources_count": {
        "en": "{count} websites are cited. The most cited:",
        "fr": "{count} sites sont cités. Les plus cités :",
    },
    "method": {"en": "Method and data dictionary", "fr": "Méthode et dictionnaire des données"},
    "method_expander": {
        "en": "data/README.md: columns, vocabularies, sourcing method, coverage, known gaps, changelog",
        "fr": "data/README.md (en anglais) : colonnes, vocabulaires, méthode, couverture, lacunes, modifications",
    },
    "website": {"en": "website", "fr": "site"},
    "citing_events": {"en": "events citing it", "fr": "événements qui le citent"},
    # data page
    "download_csv": {"en": "Download CSV", "fr": "Télécharger le CSV"},
    "download_geojson": {"en": "Download GeoJSON", "fr": "Télécharger le GeoJSON"},
    "download_bundle": {
        "en": "Download all (.zip: CSV, GeoJSON, data package, licence)",
        "fr": "Tout télécharger (.zip : CSV, GeoJSON, paquet de données, licence)",
    },
    "download_metadata": {"en": "Download metadata (JSON)", "fr": "Télécharger les métadonnées (JSON)"},
    "first_source": {"en": "first source", "fr": "première source"},
    "all_sources": {"en": "all sources", "fr": "toutes les sources"},
    "data_caption": {
        "en": "The files hold exactly the rows in the table above, in the columns of data/events.csv (UTF-8), "
        "from dataset version {version} (cut-off {cutoff}). The CSV starts with a byte-order mark so Excel reads "
        "accents; where Excel splits columns on semicolons (French settings), open the .xlsx file instead. The "
        "metadata file records the dataset version, the selection, the link that reproduces it and the export time. "
        "Columns are documented in data/README.md.",
        "fr": "Les fichiers contiennent exactement les lignes du tableau ci-dessus, dans les colonnes de "
        "data/events.csv (UTF-8), version {version} du jeu de données (arrêtée au {cutoff}). Le CSV commence "
        "par une marque d'ordre des octets pour qu'Excel lise les accents ; si Excel sépare les colonnes par des "
        "points-virgules (réglages français), ouvrez plutôt le fichier .xlsx. Le fichier de métadonnées indique "
        "la version, la sélection, le lien qui la reproduit et l'heure d'export. Les colonnes sont décrites "
        "dans data/README.md.",
    },  # -- map page and map builders --
    "gesture_touch": {"en": "Use two fingers to move the map", "fr": "Utilisez deux doigts pour déplacer la carte"},
    "gesture_scroll": {
        "en": "Use ctrl + scroll to zoom the map",
        "fr": "Utilisez Ctrl + molette pour zoomer sur la carte",
    },
    "gesture_scroll_mac": {
        "en": "Use ⌘ + scroll to zoom the map",
        "fr": "Utilisez ⌘ + molette pour zoomer sur la carte",
    },
    # -- sidebar, overview, data and about pages --
    "copy_link_button": {"en": "Copy link to this view", "fr": "Copier le lien de cette vue"},
    "link_copied": {"en": "Link copied", "fr": "Lien copié"},
    "operation_choice": {"en": "Operation {operation} → {lead}", "fr": "Opération {operation} → {lead}"},
    "actor_box_help": {
        "en": "Type a name or an acronym (FAMa, EIGS). An operation (Barkhane, Serval) selects the actor leading "
        "it and searches for its name. Search text finds every alias, in English and French.",
        "fr": "Tapez un nom ou un sigle (FAMa, EIGS). Une opération (Barkhane, Serval) choisit l'acteur qui la "
        "conduit et recherche son nom. La recherche trouve tous les alias, en anglais et en français.",
    },
    "empty_selection": {
        "en": "No event matches this selection ({filters}). Widen the date range or remove a filter in the "
        "sidebar, or press **{reset}**.",
        "fr": "Aucun événement ne correspond à cette sélection ({filters}). Élargissez la période ou retirez un "
        "filtre dans la barre latérale, ou cliquez sur **{reset}**.",
    },
    "narrow_dates": {"en": "dates {start} to {end}", "fr": "période du {start} au {end}"},
    "narrow_actors": {"en": "actors: {values}", "fr": "acteurs : {values}"},
    "narrow_categories": {"en": "categories: {values}", "fr": "catégories : {values}"},
    "narrow_countries": {"en": "countries: {values}", "fr": "pays : {values}"},
    "narrow_text": {"en": "search “{text}”", "fr": "recherche « {text} »"},
    "about_default_view": {
        "en": "The default view, from {start} to {end}, shows {shown} of these {events} events; the other {other} "
        "took place before {start} (widen the date range to see them).",
        "fr": "La vue par défaut, du {start} au {end}, montre {shown} de ces {events} événements ; les {other} "
        "autres ont eu lieu avant le {start} (élargissez la période pour les voir).",
    },
    # -- search, timeline, exports --
    "search_no_match": {"en": "No event matches “{text}”.", "fr": "Aucun événement ne correspond à « {text} »."},
    "search_did_you_mean": {"en": "Did you mean: {names}?", "fr": "Vouliez-vous dire : {names} ?"},
    "download_xlsx": {"en": "Download for Excel (.xlsx)", "fr": "Télécharger pour Excel (.xlsx)"},
}


def t(name: str, lang: str, /, **values) -> str:
    return TEXT[name][lang].format(**values)


def format_date(day: date, lang: str, precision: str = "day") -> str:
    """`day` written as far as it is known, by the locale's rules (Babel, CLDR data): precision "day" gives
    17 Feb 2022 / 17 févr. 2022, "month" Feb 2022 / févr. 2022, "year" 2022. Raises KeyError for an unknown
    `lang` or `precision`."""
    return format_skeleton(PRECISION_SKELETONS[precision], day, locale=LOCALES[lang])


def category_label(category: str, lang: str) -> str:
    return CATEGORY_LABELS[lang][category]


def pick_language(requested: str | None, browser_locale: str | None) -> str:
    """The URL's choice, else the browser's language where it is one we have, else English."""
    if requested in LANGUAGES:
        return requested
    prefix = (browser_locale or "").split("-")[0].lower()
    return prefix if prefix in LANGUAGES else DEFAULT_LANGUAGE
