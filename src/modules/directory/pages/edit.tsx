import type { Context } from 'hono';
import type { AppEnv } from '../../../http/context.js';
import type { FieldErrors } from '../../../http/errors.js';
import {
  CsrfField,
  ErrorSummary,
  Field,
  fieldId,
  PageHeader,
  Select,
  TextArea,
} from '../../../http/layout/components.js';
import { renderPage } from '../../../http/layout/Layout.js';
import type { Translate } from '../../../i18n/i18n.js';
import { countryName } from '../domain/countries.js';
import { PARTNER_TYPES, THEMES } from '../domain/profile.js';
import { contactRows, type FormValues } from '../domain/profile-form.js';
import { SHARING_LEVELS } from '../domain/sharing.js';
import type { OrganisationRow, PartnerRow } from '../profiles.js';

const val = (v: FormValues, k: string) => {
  const x = v[k];
  return (Array.isArray(x) ? x[0] : x) ?? '';
};
const has = (v: FormValues, k: string, item: string) => {
  const x = v[k];
  return Array.isArray(x) ? x.includes(item) : x === item;
};

const CheckboxGroup = (p: {
  name: string;
  legend: string;
  hint?: string;
  options: { value: string; label: string }[];
  values: FormValues;
  error?: string;
}) => (
  <fieldset
    class={p.error ? 'field field-error' : 'field'}
    aria-describedby={p.hint ? `${fieldId(p.name)}-hint` : undefined}
  >
    <legend>{p.legend}</legend>
    {p.hint && (
      <p class="hint" id={`${fieldId(p.name)}-hint`}>
        {p.hint}
      </p>
    )}
    {p.error && (
      <p class="error-message">
        <span class="visually-hidden">Erreur : </span>
        {p.error}
      </p>
    )}
    {p.options.map((o, i) => (
      <div class="checkbox">
        <input
          type="checkbox"
          id={i === 0 ? fieldId(p.name) : `${fieldId(p.name)}-${i}`}
          name={p.name}
          value={o.value}
          checked={has(p.values, p.name, o.value)}
        />
        <label for={i === 0 ? fieldId(p.name) : `${fieldId(p.name)}-${i}`}>{o.label}</label>
      </div>
    ))}
  </fieldset>
);

const Checkbox = (p: { name: string; label: string; values: FormValues; error?: string }) => (
  <div class={p.error ? 'field field-error' : 'field'}>
    {p.error && (
      <p class="error-message">
        <span class="visually-hidden">Erreur : </span>
        {p.error}
      </p>
    )}
    <div class="checkbox">
      <input
        type="checkbox"
        id={fieldId(p.name)}
        name={p.name}
        value="on"
        checked={!!val(p.values, p.name)}
      />
      <label for={fieldId(p.name)}>{p.label}</label>
    </div>
  </div>
);

export interface EditPageProps {
  org: OrganisationRow;
  values: FormValues;
  errors?: FieldErrors;
  partners: PartnerRow[];
  groups: { code: string; name: string }[];
  showsCufMember: boolean;
}

export function fieldLabels(t: Translate, values: FormValues): Record<string, string> {
  const labels: Record<string, string> = {
    description: t('directory.field.description'),
    website: t('directory.field.website'),
    email: t('directory.field.email'),
    partnershipWanted: t('directory.field.partnershipWanted'),
    countries: t('directory.field.countries'),
    countryGroups: t('directory.field.countryGroups'),
    themes: t('directory.field.themes'),
    partnersKeep: t('directory.field.partners'),
    'newPartner.name': t('directory.edit.partner_name'),
    'newPartner.country': t('directory.edit.partner_country'),
    'newPartner.city': t('directory.edit.partner_city'),
    'newPartner.type': t('directory.edit.partner_type'),
    country: t('directory.field.country'),
    city: t('directory.field.city'),
    partnerType: t('directory.field.partnerType'),
    cufMember: t('directory.field.cufMember'),
  };
  for (let i = 0; i < contactRows(values) + 1; i++) {
    const n = `${t('directory.edit.contact_legend', { n: i + 1 })}`;
    labels[`contacts.${i}.name`] = `${n}, ${t('directory.edit.contact_name')}`;
    labels[`contacts.${i}.roleTitle`] = `${n}, ${t('directory.edit.contact_role')}`;
    labels[`contacts.${i}.email`] = `${n}, ${t('directory.edit.contact_email')}`;
    labels[`contacts.${i}.phone`] = `${n}, ${t('directory.edit.contact_phone')}`;
    labels[`contacts.${i}.sharingLevel`] = `${n}, ${t('directory.edit.contact_sharing')}`;
  }
  return labels;
}

export function editPage(c: Context<AppEnv>, p: EditPageProps, status = 200) {
  const t = c.get('t');
  const { org, values: v, errors = {} } = p;
  const title = t('directory.edit.title', { name: org.name });
  // Existing contact rows, plus one blank row to add a contact.
  const rows = contactRows(v);
  const sharingOptions = SHARING_LEVELS.map((l) => ({ value: l, label: t(`directory.sharing.${l}`) }));
  const typeOptions = PARTNER_TYPES.map((x) => ({ value: x, label: t(`directory.partner_type.${x}`) }));
  return renderPage(
    c,
    {
      title: Object.keys(errors).length ? `Erreur — ${title}` : title,
      bilingual: true,
      section: 'directory',
      breadcrumbs: [
        { label: t('nav.home'), href: '/' },
        { label: t('directory.org.breadcrumb'), href: '/annuaire' },
        { label: org.name, href: `/organisations/${org.id}` },
        { label: t('directory.org.edit') },
      ],
      children: (
        <>
          <PageHeader title={title} lead={t('directory.edit.lead')} />
          <ErrorSummary c={c} errors={errors} labels={fieldLabels(t, v)} />
          <form method="post" action={`/organisations/${org.id}/modifier`} novalidate>
            <CsrfField c={c} />
            <h2>{t('directory.edit.section_identity')}</h2>
            <TextArea
              name="description"
              label={t('directory.field.description')}
              hint={t('directory.edit.description_hint')}
              value={val(v, 'description')}
              error={errors.description}
              maxlength={4000}
            />
            <Field
              name="website"
              type="url"
              label={t('directory.field.website')}
              hint={t('directory.edit.website_hint')}
              value={val(v, 'website')}
              error={errors.website}
              autocomplete="url"
            />
            <Field
              name="email"
              type="email"
              label={t('directory.field.email')}
              value={val(v, 'email')}
              error={errors.email}
              autocomplete="email"
            />

            {org.kind === 'foreign_partner' && (
              <>
                <h2>{t('directory.edit.section_foreign')}</h2>
                <Field
                  name="country"
                  label={t('directory.field.country')}
                  hint={t('directory.edit.partner_country_hint')}
                  value={
                    /^[A-Z]{2}$/.test(val(v, 'country')) ? countryName(val(v, 'country')) : val(v, 'country')
                  }
                  error={errors.country}
                  required
                />
                <Field
                  name="city"
                  label={t('directory.field.city')}
                  value={val(v, 'city')}
                  error={errors.city}
                />
                <Select
                  name="partnerType"
                  label={t('directory.field.partnerType')}
                  options={typeOptions}
                  emptyLabel={t('directory.edit.choose')}
                  value={val(v, 'partnerType')}
                  error={errors.partnerType}
                />
              </>
            )}

            <h2>{t('directory.edit.section_engagement')}</h2>
            <Checkbox name="openToPartnership" label={t('directory.edit.open_label')} values={v} />
            <TextArea
              name="partnershipWanted"
              label={t('directory.field.partnershipWanted')}
              hint={t('directory.edit.wanted_hint')}
              value={val(v, 'partnershipWanted')}
              error={errors.partnershipWanted}
              rows={3}
              maxlength={2000}
            />
            <CheckboxGroup
              name="themes"
              legend={t('directory.field.themes')}
              options={THEMES.map((th) => ({ value: th, label: t(`directory.theme.${th}`) }))}
              values={v}
              error={errors.themes}
            />
            <Field
              name="countries"
              label={t('directory.field.countries')}
              hint={t('directory.edit.countries_hint')}
              value={val(v, 'countries')}
              error={errors.countries}
            />
            <CheckboxGroup
              name="countryGroups"
              legend={t('directory.field.countryGroups')}
              hint={t('directory.edit.groups_hint')}
              options={p.groups.map((g) => ({ value: g.code, label: g.name }))}
              values={v}
              error={errors.countryGroups}
            />
            {p.showsCufMember && (
              <Checkbox
                name="cufMember"
                label={t('directory.edit.cuf_label')}
                values={v}
                error={errors.cufMember}
              />
            )}

            <h2>{t('directory.edit.section_partners')}</h2>
            {p.partners.length > 0 && (
              <CheckboxGroup
                name="partnersKeep"
                legend={t('directory.edit.partners_keep')}
                options={p.partners.map((pt) => ({
                  value: pt.id,
                  label: `${pt.name}${pt.country ? ` (${countryName(pt.country)})` : ''}`,
                }))}
                values={v}
                error={errors.partnersKeep}
              />
            )}
            <fieldset class="field-group">
              <legend>{t('directory.edit.partner_new')}</legend>
              <Field
                name="newPartner.name"
                label={t('directory.edit.partner_name')}
                value={val(v, 'newPartner.name')}
                error={errors['newPartner.name']}
              />
              <Field
                name="newPartner.country"
                label={t('directory.edit.partner_country')}
                hint={t('directory.edit.partner_country_hint')}
                value={val(v, 'newPartner.country')}
                error={errors['newPartner.country']}
              />
              <Field
                name="newPartner.city"
                label={t('directory.edit.partner_city')}
                value={val(v, 'newPartner.city')}
                error={errors['newPartner.city']}
              />
              <Select
                name="newPartner.type"
                label={t('directory.edit.partner_type')}
                options={typeOptions}
                emptyLabel={t('directory.edit.choose')}
                value={val(v, 'newPartner.type')}
                error={errors['newPartner.type']}
              />
            </fieldset>

            <h2>{t('directory.edit.section_contacts')}</h2>
            <p class="hint">
              {t('directory.sharing.hint')}{' '}
              <a href="/ce-que-voient-les-autres">{t('directory.sharing.more')}</a>
            </p>
            {Array.from({ length: rows + 1 }, (_, i) => {
              const k = (f: string) => `contacts.${i}.${f}`;
              const isNew = i === rows;
              return (
                <fieldset class="field-group">
                  <legend>
                    {isNew
                      ? t('directory.edit.contact_new')
                      : t('directory.edit.contact_legend', { n: i + 1 })}
                  </legend>
                  <Field
                    name={k('name')}
                    label={t('directory.edit.contact_name')}
                    value={val(v, k('name'))}
                    error={errors[k('name')]}
                    autocomplete="off"
                  />
                  <Field
                    name={k('roleTitle')}
                    label={t('directory.edit.contact_role')}
                    value={val(v, k('roleTitle'))}
                    error={errors[k('roleTitle')]}
                  />
                  <Field
                    name={k('email')}
                    type="email"
                    label={t('directory.edit.contact_email')}
                    value={val(v, k('email'))}
                    error={errors[k('email')]}
                    autocomplete="off"
                  />
                  <Field
                    name={k('phone')}
                    type="tel"
                    label={t('directory.edit.contact_phone')}
                    value={val(v, k('phone'))}
                    error={errors[k('phone')]}
                    autocomplete="off"
                  />
                  <Select
                    name={k('sharingLevel')}
                    label={t('directory.edit.contact_sharing')}
                    options={sharingOptions}
                    value={val(v, k('sharingLevel')) || 'partners'}
                    error={errors[k('sharingLevel')]}
                  />
                  {!isNew && (
                    <Checkbox name={k('remove')} label={t('directory.edit.contact_remove')} values={v} />
                  )}
                </fieldset>
              );
            })}

            <h2>{t('directory.edit.section_verify')}</h2>
            <Checkbox name="verified" label={t('directory.edit.verified_label')} values={v} />
            <p class="button-group">
              <button type="submit">{t('directory.edit.submit')}</button>
              <a class="button button-secondary" href={`/organisations/${org.id}`}>
                {t('directory.edit.cancel')}
              </a>
            </p>
          </form>
        </>
      ),
    },
    status,
  );
}
