import type { Hono } from 'hono';
import { listOrganisations, showOrganisation } from '../../services/organisations.js';
import { personProfile } from '../../services/person-profile.js';
import { listPersons } from '../../services/resolve-people.js';
import { OrganisationPage, OrganisationsPage, PeoplePage, PersonPage } from '../../web/pages/people.js';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { idOf } from '../ids.js';
import { page } from '../render.js';
import { valid } from '../validate.js';
import { hiddenFor } from '../visible.js';

export function peopleRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  app.get('/personer', async (c) => {
    const persons = (await listPersons(deps.store)).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
    return page(c, <PeoplePage view={c.get('view')} persons={persons} />);
  });
  app.get('/personer/:id', async (c) => {
    const view = c.get('view');
    const id = valid(idOf('p'), c.req.param('id'));
    const person = await personProfile(deps.store, id, { clock: deps.clock, hidden: await hiddenFor(deps, view) });
    return page(c, <PersonPage view={view} person={person} />);
  });
  app.get('/organisationer', async (c) =>
    page(c, <OrganisationsPage view={c.get('view')} organisations={await listOrganisations(deps.store)} />),
  );
  app.get('/organisationer/:id', async (c) => {
    const id = valid(idOf('o'), c.req.param('id'));
    return page(c, <OrganisationPage view={c.get('view')} organisation={await showOrganisation(deps.store, id)} />);
  });
}
