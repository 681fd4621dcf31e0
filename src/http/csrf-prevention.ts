// Apollo's CSRF prevention refuses a GET, or a POST whose content type a <form> could send, unless it carries
// a header that a browser would only send after a CORS preflight. Apollo's list is `x-apollo-operation-name`
// and `apollo-require-preflight`. `Authorization` belongs on it too: it is not a CORS-safelisted header, so a
// cross-site page cannot attach it without a preflight, and every hotline client sends it on every operation
// but `login`. Logged-in clients can then use GET for queries (cacheable by proxies) with no extra header;
// anonymous GETs still need one of Apollo's headers.
export const CSRF_PREVENTION = {
  requestHeaders: ['x-apollo-operation-name', 'apollo-require-preflight', 'authorization'],
};
