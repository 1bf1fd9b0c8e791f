import type { Catalogue } from '../../../i18n/catalogue.js';

/** Messages of the territory part of the directory (keys `territory.*`). */
export const territoryMessages: Catalogue = {
  fr: {
    'territory.geography.title': 'Géographie officielle (COG 2026)',
    'territory.geography.known': '{communes} communes connues.',
    'territory.geography.hint':
      'Importe régions, départements, EPCI, communes et collectivités en tâche de fond, par petites transactions : les pages continuent de répondre, l’avancement s’affiche ici.',
    'territory.progress.running':
      'Import de la géographie en cours : {percent} % ({done} transactions sur {total}), dernière étape : {step}. Commencé le {date}. Rechargez la page pour suivre l’avancement.',
    'territory.progress.done':
      'Dernier import de la géographie terminé (commencé le {date}) : {total} transactions.',
    'territory.progress.failed':
      'Le dernier import de la géographie s’est arrêté à {percent} % ({step}). Relancez-le : il reprendra où il s’est arrêté.',
    'territory.first_start.queued':
      'Premier démarrage : l’import de l’annuaire national attend le traitement de fond.',
    'territory.first_start.geography': 'Premier démarrage : import de la géographie en cours.',
    'territory.first_start.missions_locales':
      'Premier démarrage : import de la liste des Missions Locales livrée avec Passerelle en cours.',
    'territory.first_start.demo': 'Premier démarrage : placement des données de démonstration en cours.',
    'territory.builtin.title': 'Liste nationale livrée avec Passerelle',
    'territory.builtin.lead':
      'Passerelle contient la liste des 448 Missions Locales de la liste I-Milo (septembre 2023, licence MIT). {known} Missions Locales sont connues. Le chargement crée celles qui manquent et met à jour les autres ; un second chargement ne change rien. La géographie doit être importée avant.',
    'territory.builtin.submit': 'Charger la liste livrée',
    'territory.geography.submit': 'Importer la géographie officielle',
    'territory.geography.queued': 'L’import de la géographie est lancé en tâche de fond.',
    'territory.api.insee_malformed':
      'Le code INSEE « {code} » n’est pas valide : indiquez 5 caractères, par exemple 75056 ou 2A004.',
    'territory.api.insee_unknown':
      'Aucune commune ne porte le code INSEE « {code} », ni aujourd’hui ni avant une fusion.',
    'territory.api.q_invalid':
      'Indiquez le début du nom d’une commune (100 caractères au plus) dans le paramètre q.',

    'territory.coverage.declared': 'déclaré',
    'territory.coverage.approximate': 'approximatif',
    'territory.resolution.ancien_code': 'ancien code',
    'territory.resolution.arrondissement_municipal': 'arrondissement municipal',

    'territory.import.title': 'Importer des Missions Locales',
    'territory.import.lead':
      'Chargez la liste des structures I-Milo, l’export de l’Annuaire de l’administration ou le modèle CSV de Passerelle. Chaque ligne rejetée est signalée avec son motif.',
    'territory.import.format': 'Format du fichier',
    'territory.import.format_hint':
      'Pour l’Annuaire, joignez aussi le fichier « compétence géographique » : il donne les communes desservies.',
    'territory.import.format.imilo': 'Liste des structures I-Milo (JSON ou CSV)',
    'territory.import.format.annuaire': 'Annuaire de l’administration (JSON, type mission_locale)',
    'territory.import.format.csv': 'Modèle CSV de Passerelle',
    'territory.import.files': 'Fichiers',
    'territory.import.files_hint':
      'JSON ou CSV, encodé en UTF-8 ; plusieurs fichiers possibles, {limit} Ko au total au plus. Pour de plus gros fichiers (compétence géographique nationale), utilisez la commande « passerelle import missions-locales ».',
    'territory.import.dry_run': 'Simuler seulement (rien n’est enregistré)',
    'territory.import.partial': 'Importer les lignes valides même si d’autres sont rejetées',
    'territory.import.submit': 'Lancer l’import',
    'territory.import.csv_title': 'Modèle CSV de Passerelle',
    'territory.import.csv_columns':
      'Colonnes : identifiant (code INSEE du siège + S00, facultatif), nom, siret, code_insee_siege, adresse, courriel, communes_desservies (codes INSEE séparés par des espaces). Séparateur virgule ou point-virgule.',
    'territory.import.error_format': 'Choisissez le format du fichier : I-Milo, Annuaire ou modèle CSV.',
    'territory.import.error_files': 'Joignez au moins un fichier non vide.',

    'territory.report.title': 'Rapport d’import des Missions Locales',
    'territory.report.dry_run': 'Simulation : rien n’a été enregistré',
    'territory.report.imported': 'Import terminé',
    'territory.report.dry_run_rejected':
      'Des lignes sont rejetées : en l’état, rien ne serait importé. En cochant « Importer les lignes valides », voici ce qui changerait :',
    'territory.report.nothing_imported':
      'Rien n’a été importé : des lignes sont rejetées. Corrigez-les, ou cochez « Importer les lignes valides ».',
    'territory.report.summary': 'Lignes lues : {read} ; acceptées : {accepted} ; rejetées : {rejected}.',
    'territory.report.changes':
      'Missions Locales créées : {created} ; mises à jour : {updated} ; inchangées : {unchanged}.',
    'territory.report.rejected_caption': 'Lignes rejetées ({count})',
    'territory.report.changes_caption': 'Missions Locales créées ou mises à jour ({count})',
    'territory.report.col_file': 'Fichier',
    'territory.report.col_where': 'Ligne',
    'territory.report.col_reason': 'Motif',
    'territory.report.col_code': 'Identifiant',
    'territory.report.col_name': 'Nom',
    'territory.report.col_action': 'Changement',
    'territory.report.col_seat': 'Commune du siège',
    'territory.report.col_communes': 'Communes desservies',
    'territory.report.action.created': 'créée',
    'territory.report.action.updated': 'mise à jour',
    'territory.report.action.unchanged': 'inchangée',
    'territory.report.again': 'Importer un autre fichier',

    'territory.edit.title': 'Territoire — {name}',
    'territory.edit.crumb': 'Territoire',
    'territory.edit.lead':
      'Les communes desservies. Ajoutez ou retirez des communes : le territoire devient alors « déclaré ».',
    'territory.edit.saved': 'Le territoire est enregistré.',
    'territory.edit.approximate_title': 'Territoire approximatif',
    'territory.edit.approximate_text':
      'Faute de source, ce territoire est déduit de l’intercommunalité (EPCI) de la commune du siège. Vérifiez-le et corrigez-le.',
    'territory.edit.authority_readonly':
      'Le territoire d’une collectivité vient du Code officiel géographique et ne se modifie pas ici.',
    'territory.edit.add_label': 'Ajouter des communes',
    'territory.edit.add_hint': 'Une commune par ligne : code INSEE (par exemple 69123) ou nom exact.',
    'territory.edit.add_submit': 'Ajouter les communes',
    'territory.edit.epci_label': 'Ajouter toute une intercommunalité',
    'territory.edit.epci_hint': 'SIREN (9 chiffres) ou nom exact de l’EPCI.',
    'territory.edit.epci_submit': 'Ajouter ses communes',
    'territory.edit.caption': 'Communes desservies ({count})',
    'territory.edit.col_select': 'Sélection',
    'territory.edit.col_commune': 'Commune',
    'territory.edit.col_insee': 'Code INSEE',
    'territory.edit.col_departement': 'Département',
    'territory.edit.col_coverage': 'Territoire',
    'territory.edit.empty': 'Aucune commune pour l’instant.',
    'territory.edit.remove_one': 'Retirer {name}',
    'territory.edit.remove_submit': 'Retirer les communes cochées',
    'territory.edit.error_action': 'Action inconnue : ajoutez ou retirez des communes.',
  },
  en: {},
};
