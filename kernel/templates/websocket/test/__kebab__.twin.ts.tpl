import { defineScenario } from '@krepis/kernel';
import { create__Name__Rooms, type __Name__Peer } from '../src/plugins/__kebab__.js';

interface Inbox extends __Name__Peer {
  readonly tenant: string;
  readonly got: string[];
}

/** Peers of two tenants join, talk and leave concurrently: no frame ever crosses tenants. */
export default defineScenario({
  name: '__kebab__: broadcasts stay inside their tenant',
  setup({ ports, track }) {
    const inboxes = track('inboxes', [] as Inbox[]);
    return { rooms: create__Name__Rooms(ports.clock), inboxes };
  },
  actors: {
    peer: {
      count: 4,
      async run({ app, instance, yield: pause }) {
        const tenant = instance % 2 === 0 ? 'acme' : 'globex';
        const inbox: Inbox = { tenant, got: [], send: (text) => void inbox.got.push(text) };
        app.inboxes.push(inbox);
        app.rooms.join(tenant, inbox);
        await pause();
        app.rooms.broadcast(tenant, inbox, { from: instance });
        await pause();
        app.rooms.leave(tenant, inbox);
      },
    },
  },
  invariants: {
    "no peer receives another tenant's frame": (app) => app.inboxes.every((inbox) => inbox.got.every((frame) => (JSON.parse(frame) as { tenant: string }).tenant === inbox.tenant)),
  },
});
