import { CliError, type Command, parse, withDeps } from '../../cli/command.js';
import { sql } from '../../db/sql.js';
import { createApiToken, createUser, UserCreationError } from './account.js';

const userCreate: Command = {
  name: 'user create',
  summary: 'Crée un compte (mot de passe soumis aux règles de sécurité)',
  help: `passerelle user create --email E --name N --password P [--admin]

Crée un compte Passerelle.
  --email E      adresse e-mail (identifiant de connexion)
  --name N       nom et prénom affichés
  --password P   mot de passe : au moins 12 caractères, pas un mot de passe courant,
                 sans l'adresse e-mail
  --admin        administrateur de la plateforme (tous les droits)

Exemple : passerelle user create --email camille@exemple.fr --name "Camille Martin" --password "une phrase facile à retenir"`,
  async run(args, config) {
    const { values, positionals } = parse(args, {
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      admin: { type: 'boolean', default: false },
    });
    if (positionals.length) throw new CliError(`Argument inattendu : ${positionals[0]}`);
    const missing = (['email', 'name', 'password'] as const).filter((k) => !values[k]);
    if (missing.length) {
      throw new CliError(
        `Option manquante : ${missing.map((m) => `--${m}`).join(', ')}. Voir « passerelle user create --help ».`,
      );
    }
    await withDeps(config, async (deps) => {
      try {
        const { id } = await createUser(deps, {
          email: values.email!,
          name: values.name!,
          password: values.password!,
          platformAdmin: !!values.admin,
        });
        process.stdout.write(
          `Compte créé : ${values.email!.trim().toLowerCase()}${values.admin ? ' (administrateur de la plateforme)' : ''} — id ${id}\n`,
        );
      } catch (e) {
        if (e instanceof UserCreationError) throw new CliError(e.message);
        throw e;
      }
    });
  },
};

const tokenCreate: Command = {
  name: 'token create',
  summary: 'Crée un jeton d’API personnel pour un compte',
  help: `passerelle token create --email E [--write] [--name N]

Crée un jeton d'API personnel (psl_…) pour le compte E et l'affiche seul sur la
dernière ligne (il ne sera plus jamais affiché ; seule son empreinte est conservée).
  --email E   compte propriétaire du jeton
  --write     jeton en lecture et écriture (par défaut : lecture seule)
  --name N    nom du jeton (par défaut : « Ligne de commande »)

Exemple : TOKEN=$(passerelle token create --email camille@exemple.fr | tail -n 1)`,
  async run(args, config) {
    const { values, positionals } = parse(args, {
      email: { type: 'string' },
      write: { type: 'boolean', default: false },
      name: { type: 'string' },
    });
    if (positionals.length) throw new CliError(`Argument inattendu : ${positionals[0]}`);
    if (!values.email)
      throw new CliError('Option manquante : --email. Voir « passerelle token create --help ».');
    const name = (values.name ?? 'Ligne de commande').trim();
    if (!name || name.length > 100) throw new CliError('Le nom du jeton doit faire de 1 à 100 caractères.');
    const email = values.email.trim().toLowerCase();
    const scope = values.write ? 'write' : 'read';
    const token = await withDeps(config, (deps) =>
      deps.db.transaction(async (tx) => {
        const user = await tx.maybeOne<{ id: string; disabled_at: Date | null }>(
          sql`SELECT id, disabled_at FROM users WHERE email = ${email}`,
        );
        if (!user) throw new CliError(`Aucun compte pour ${email}.`);
        if (user.disabled_at) throw new CliError(`Le compte ${email} est désactivé.`);
        const created = await createApiToken(
          tx,
          { actor: { kind: 'system', label: 'ligne de commande' } },
          {
            userId: user.id,
            name,
            scope,
            now: deps.now(),
          },
        );
        return created.token;
      }),
    );
    process.stdout.write(
      `Jeton « ${name} » créé pour ${email} (${scope === 'write' ? 'lecture et écriture' : 'lecture seule'}). Il ne sera plus affiché :\n${token}\n`,
    );
  },
};

/** CLI commands of the auth module. */
export const authCommands: Command[] = [userCreate, tokenCreate];
