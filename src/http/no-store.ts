import type { ApolloServerPlugin } from '@apollo/server';

// Apollo's default cache-control plugin hooks every field resolver (willResolveField) to compute a cache policy
// from @cacheControl hints. The schema has none, so its answer is always `Cache-Control: no-store`: the plugin is
// disabled (server.ts) and this sets the same header, as it did, without touching each field.

const CACHEABLE = /^max-age=(\d+), (public|private)$/;

export function noStorePlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const existing = response.http.headers.get('cache-control');
          // As Apollo's plugin: a header it cannot parse is left alone; otherwise the policy (max-age 0) is uncacheable.
          if (!existing || existing === 'no-store' || CACHEABLE.test(existing)) response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}
