import { formatDate } from '../../../i18n/i18n.js';
import type { NewAgreementEvent, Snapshot } from './lifecycle.js';

/**
 * What the other parties are told when an agreement event is recorded, with the dates that
 * follow (art. 5–8). Pure: the event, the agreement's state after it, the parties' names.
 */
export interface AgreementNoticeText {
  title: string;
  subject: string;
  body: string;
  /** The party that acted (its admins are not told), when the event names one. */
  actingOrganisationId: string | null;
}

const d = (iso: string | null | undefined) => formatDate(iso ?? null);

export function agreementNotice(
  title: string,
  event: NewAgreementEvent,
  after: Snapshot,
  nameOf: (organisationId: string) => string,
): AgreementNoticeText {
  const inForce = after.lastDayInForce
    ? ` La convention est en vigueur jusqu’au ${d(after.lastDayInForce)} inclus.`
    : '';
  const make = (what: string, body: string, acting: string | null) => ({
    title: `${title} : ${what}`,
    subject: `[Passerelle] ${title} : ${what}`,
    body,
    actingOrganisationId: acting,
  });
  switch (event.type) {
    case 'version_proposed':
      return make(
        `version ${event.version} proposée`,
        `${event.organisationId ? nameOf(event.organisationId) : 'Une partie'} a proposé le ${d(event.on)} la version ${event.version} de « ${title} ». Elle ne lie les parties qu’une fois approuvée par chacune d’elles (art. 7 : avenant).${inForce}`,
        event.organisationId,
      );
    case 'approved': {
      const state =
        after.state === 'in_force' && after.bindingVersion === event.version && after.inForceFrom
          ? ` Toutes les parties ont approuvé cette version : la convention est en vigueur du ${d(after.inForceFrom)} au ${d(after.lastDayInForce)} inclus (art. 5 : trois ans).`
          : ` Elle attend encore l’approbation des autres parties.${inForce}`;
      return make(
        `version ${event.version} approuvée par ${nameOf(event.organisationId)}`,
        `${nameOf(event.organisationId)} a approuvé le ${d(event.on)} la version ${event.version} de « ${title} ».${state}`,
        event.organisationId,
      );
    }
    case 'withdrawal_notified':
      return make(
        `dénonciation notifiée par ${nameOf(event.organisationId)}`,
        `${nameOf(event.organisationId)} a notifié le ${d(event.on)} sa dénonciation de « ${title} » (art. 5 : préavis d’un mois). Le préavis court jusqu’au ${d(after.withdrawal?.effectiveOn)} : la convention est en vigueur jusqu’au ${d(after.lastDayInForce)} inclus.`,
        event.organisationId,
      );
    case 'formal_notice_sent': {
      const notice = after.formalNotices.find((n) => n.id === event.noticeId);
      return make(
        `mise en demeure de ${nameOf(event.toOrganisationId)}`,
        `${nameOf(event.fromOrganisationId)} a mis en demeure ${nameOf(event.toOrganisationId)} le ${d(event.on)} par lettre recommandée avec accusé de réception (référence ${event.letterReference}). Sans réparation du manquement, la résiliation pourra être demandée à partir du ${d(notice?.terminationAvailableFrom)} (art. 6).${inForce}`,
        event.fromOrganisationId,
      );
    }
    case 'formal_notice_remedied':
      return make(
        'manquement réparé',
        `Le manquement qui avait fait l’objet d’une mise en demeure a été réparé le ${d(event.on)} : la mise en demeure est close (art. 6).${inForce}`,
        null,
      );
    case 'termination_requested':
      return make(
        `résiliation demandée par ${nameOf(event.organisationId)}`,
        `${nameOf(event.organisationId)} a demandé le ${d(event.on)} la résiliation de « ${title} » après une mise en demeure restée sans effet (art. 6). La convention a pris fin : dernier jour en vigueur le ${d(after.lastDayInForce)}.`,
        event.organisationId,
      );
    case 'automatic_termination':
      return make(
        'résiliation de plein droit',
        `La résiliation de plein droit de « ${title} » a été enregistrée le ${d(event.on)} (motif : ${event.legalGround}). Elle prend effet immédiatement (art. 6) : dernier jour en vigueur le ${d(after.lastDayInForce)}.`,
        null,
      );
    case 'dispute_opened':
      return make(
        'litige ouvert',
        `Un litige a été ouvert le ${d(event.on)} sur « ${title} » : ${event.subject}. Les parties cherchent d’abord un règlement amiable, notamment par la médiation ou l’arbitrage (art. 8).${inForce}`,
        null,
      );
    case 'dispute_advanced':
      return make(
        'litige : nouvelle étape',
        `Le litige sur « ${title} » est passé à l’étape « ${event.stage} » le ${d(event.on)} (art. 8).${inForce}`,
        null,
      );
  }
}
