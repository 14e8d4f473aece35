// The header's search suggestions (src/catalog/search_box.rs). The form works without this file; with it, the best
// few products show under the box as the shopper types. Only text is placed, never HTML, and only the answer to
// the latest question is shown.
(() => {
  const box = document.querySelector('[data-test="header-q"]');
  const list = document.getElementById("search-suggestions");
  if (!box || !list) return;
  const lang = document.documentElement.lang || "mn";
  const pause = 150;
  let asked = 0;
  let timer;

  const show = (found, question) => {
    if (question !== asked) return;
    list.replaceChildren(
      ...found.map((product) => {
        const name = document.createElement("span");
        name.className = "suggestion-name";
        name.textContent = product.name;
        const price = document.createElement("span");
        price.className = "suggestion-price";
        price.textContent = product.price;
        const link = document.createElement("a");
        link.href = product.href;
        link.append(name, price);
        const item = document.createElement("li");
        item.append(link);
        return item;
      }),
    );
    list.hidden = found.length === 0;
  };

  box.addEventListener("input", () => {
    clearTimeout(timer);
    const question = ++asked;
    const typed = box.value.trim();
    if (!typed) return show([], question);
    timer = setTimeout(async () => {
      try {
        const params = new URLSearchParams({ q: typed, lang });
        const answer = await fetch(`/search/suggestions?${params}`);
        show(answer.ok ? await answer.json() : [], question);
      } catch {
        show([], question);
      }
    }, pause);
  });
  box.addEventListener("keydown", (event) => {
    if (event.key === "Escape") show([], ++asked);
  });
  // The suggestions are links after the box: Tab reaches them; leaving the form (by click or by keyboard) closes
  // them.
  box.form.addEventListener("focusout", (event) => {
    if (!box.form.contains(event.relatedTarget)) show([], ++asked);
  });
  document.addEventListener("click", (event) => {
    if (!box.form.contains(event.target)) show([], ++asked);
  });
})();
