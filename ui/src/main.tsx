import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { App } from "./App";
import { createI18n, detectLanguage } from "./i18n";
import { applyTheme } from "./theme";
import "./styles.css";

const root = document.getElementById("root");
if (root === null) throw new Error("index.html has no #root element");

// Start in the system language and theme; App switches to the saved preferences once read.
const i18n = createI18n(detectLanguage(navigator.language));
applyTheme("system");

createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App />
    </I18nextProvider>
  </StrictMode>,
);
