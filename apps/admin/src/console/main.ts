import "./styles.css";
import { startConsole } from "./app.js";
import { createSession } from "./session.js";

const root = document.getElementById("app");
if (root) {
  startConsole({
    root,
    session: createSession(window.sessionStorage),
    fetch: window.fetch.bind(window),
    location: window.location,
    onHashChange: (listener) => window.addEventListener("hashchange", listener),
  });
}
