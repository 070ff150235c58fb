import type { Hono } from 'hono';
import { z } from 'zod';
import { listOrganisations, showOrganisation } from '../../services/organisations.js';
import { personListPage, personProfile } from '../../services/person-profile.js';
import {
  OrganisationPage,
  OrganisationsPage,
  PEOPLE_PAGE_SIZE,
  PeoplePage,
  PersonPage,
} from '../../web/pages/people.js';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { idOf } from '../ids.js';
import { page } from '../render.js';
import { valid } from '../validate.js';
import { hiddenFor } from '../visible.js';

export function peopleRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  app.get('/personer', async (c) => {
    const view = c.get('view');
    const { sida } = valid(z.object({ sida: z.coerce.number().int().min(1).max(100_000).default(1) }), c.req.query());
    // The public sees only persons of published meetings, counted over those.
    const { rows, total } = await personListPage(deps.store, {
      publishedOnly: !view.user,
      limit: PEOPLE_PAGE_SIZE,
      offset: (sida - 1) * PEOPLE_PAGE_SIZE,
    });
    return page(c, <PeoplePage view={view} persons={rows} total={total} page={sida} />);
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
