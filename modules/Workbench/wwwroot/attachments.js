// The case page's attachments list, read by the browser with the workbench's cookie (an API link a page follows).
// null when the list cannot be read (no such endpoint yet, refused): the page then shows none.
export async function list(url) {
  const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  return response.ok ? await response.json() : null;
}
