/**
 * Which catalogue programmes fit a project, and why (pure). A programme is ineligible when
 * one of its stated conditions excludes the project; conditions the catalogue does not state
 * are said so, never guessed. Calls are shown as information: most schemes are recurring,
 * so a closed call does not exclude a programme.
 */
import { formatDate } from '../../../i18n/i18n.js';
import {
  type ApplicantType,
  countryInZones,
  nextCall,
  openCalls,
  type Programme,
  type ProjectKind,
} from '../../funding/domain/programme.js';

export interface EligibilityProject {
  kind: ProjectKind;
  /** French partners from the directory: kind and (authorities) level. */
  partners: { kind: string; level: string | null }[];
  /** Foreign countries of the project (ISO alpha-2); France is not a partner country. */
  countries: string[];
  budgetTotal: number;
  /** Amount requested from a programme in the funding plan, by programme id. */
  requestedByProgramme: Record<string, number>;
}

export interface Verdict {
  programme: Programme;
  reasons: string[];
}

const KIND_FR: Record<ProjectKind, string> = {
  youth_mobility: 'mobilité internationale de jeunes',
  ecsi: 'ECSI',
  staff_mobility: 'mobilité professionnelle des équipes',
  reciprocal_hosting: 'accueil réciproque',
};
const APPLICANT_FR: Record<ApplicantType, string> = {
  local_authority: 'une collectivité territoriale',
  authority_grouping: 'un groupement de collectivités',
  association: 'une association',
  mission_locale: 'une Mission Locale',
  public_body: 'un établissement public',
};

/** What a partner can apply as. Most Missions Locales are associations (loi 1901). */
export function applicantTypesOf(p: { kind: string; level: string | null }): ApplicantType[] {
  switch (p.kind) {
    case 'mission_locale':
      return ['mission_locale', 'association'];
    case 'local_authority':
      return p.level === 'epci' ? ['authority_grouping', 'local_authority'] : ['local_authority'];
    case 'regional_association':
    case 'unml':
    case 'cuf':
      return ['association'];
    default:
      return [];
  }
}

const eur = (n: number) => `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 }).format(n)} €`;

export function eligibility(
  project: EligibilityProject,
  programmes: Programme[],
  today: string,
): { eligible: Verdict[]; ineligible: Verdict[] } {
  const eligible: Verdict[] = [];
  const ineligible: Verdict[] = [];
  const ours = new Set(project.partners.flatMap(applicantTypesOf));
  for (const p of programmes) {
    const pro: string[] = [];
    const con: string[] = [];

    if (p.projectKinds.length === 0) pro.push('Types de projet non précisés dans le catalogue : à vérifier.');
    else if (p.projectKinds.includes(project.kind)) pro.push(`Finance la ${KIND_FR[project.kind]}.`);
    else con.push(`Ne finance pas ce type de projet (${KIND_FR[project.kind]}).`);

    if (p.applicantTypes.length === 0) pro.push('Porteurs possibles non précisés : à vérifier.');
    else {
      const match = p.applicantTypes.filter((a) => ours.has(a));
      if (match.length)
        pro.push(`Peut être déposé par ${match.map((a) => APPLICANT_FR[a]).join(' ou ')} du partenariat.`);
      else
        con.push(
          `Réservé à ${p.applicantTypes.map((a) => APPLICANT_FR[a]).join(', ')} : aucun partenaire ne l’est.`,
        );
    }

    const outside = project.countries.filter((c) => !countryInZones(c, p.zones));
    if (project.countries.length === 0) pro.push('Pays du projet non indiqués : zone à vérifier.');
    else if (outside.length) con.push(`Pays hors de la zone du programme : ${outside.join(', ')}.`);
    else if (p.zones.length) pro.push('Les pays du projet sont dans la zone du programme.');

    const asked = project.requestedByProgramme[p.id];
    if (asked !== undefined && p.amountMax !== null && asked > p.amountMax)
      con.push(`Montant demandé (${eur(asked)}) supérieur au plafond du programme (${eur(p.amountMax)}).`);
    if (p.amountMin !== null && project.budgetTotal > 0) {
      const reachable =
        p.cofundingMaxPercent !== null
          ? (project.budgetTotal * p.cofundingMaxPercent) / 100
          : project.budgetTotal;
      if (reachable < p.amountMin)
        con.push(
          `Budget trop petit : le programme finance au moins ${eur(p.amountMin)}${p.cofundingMaxPercent !== null ? ` et au plus ${p.cofundingMaxPercent} % du budget` : ''}.`,
        );
    }
    if (p.cofundingMaxPercent !== null) pro.push(`Finance au plus ${p.cofundingMaxPercent} % du budget.`);

    const open = openCalls(p, today);
    const next = nextCall(p, today);
    if (open.length) pro.push(`Appel ouvert jusqu’au ${formatDate(open[0].closesOn)}.`);
    else if (next) pro.push(`Prochain appel à partir du ${formatDate(next.opensOn)}.`);
    else if (p.calls.length)
      pro.push(
        `Aucun appel ouvert aujourd’hui (dernier clos le ${formatDate(
          p.calls
            .map((c) => c.closesOn)
            .sort()
            .at(-1),
        )})${p.recurrence ? ` ; périodicité : ${p.recurrence}` : ''}.`,
      );

    if (con.length) ineligible.push({ programme: p, reasons: con });
    else eligible.push({ programme: p, reasons: pro });
  }
  return { eligible, ineligible };
}
