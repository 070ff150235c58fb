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
    const person = await personProfile(deps.store, id, {
      clock: deps.clock,
      hidden: await hiddenFor(deps, view),
      publishedOnly: !view.user,
    });
    return page(c, <PersonPage view={view} person={person} />);
  });
  // Counts over what the viewer may see: published meetings for the public, all for signed-in users.
  app.get('/organisationer', async (c) => {
    const view = c.get('view');
    const organisations = await listOrganisations(deps.store, { publishedOnly: !view.user });
    return page(c, <OrganisationsPage view={view} organisations={organisations} />);
  });
  app.get('/organisationer/:id', async (c) => {
    const view = c.get('view');
    const id = valid(idOf('o'), c.req.param('id'));
    const organisation = await showOrganisation(deps.store, id, { publishedOnly: !view.user });
    return page(c, <OrganisationPage view={view} organisation={organisation} />);
  });
}
