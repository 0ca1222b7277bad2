// The message form is swapped after each send: give the focus back to where the
// person was typing (or to the field with the error), so keyboard use goes on.
document.body.addEventListener("htmx:afterSwap", (event) => {
  if (event.detail.target.id !== "message-form" && event.target.id !== "message-form") return;
  const form = document.getElementById("message-form");
  if (!form) return;
  const field = form.querySelector("[aria-invalid='true']") || form.querySelector("textarea");
  if (field) field.focus();
  const list = document.getElementById("thread-list");
  if (list) list.scrollTop = list.scrollHeight;
});
// A message can reach the list twice (the poll and the sender's own answer): keep one.
document.body.addEventListener("htmx:oobAfterSwap", (event) => {
  const list = event.detail.target;
  if (!list || list.id !== "thread-list") return;
  const seen = new Set();
  for (const item of Array.from(list.querySelectorAll("li.message"))) {
    if (seen.has(item.id)) item.remove();
    else seen.add(item.id);
  }
  list.scrollTop = list.scrollHeight;
});
const thread = document.getElementById("thread-list");
if (thread) thread.scrollTop = thread.scrollHeight;
