"use client";
// CodeMirror 6, imported only through next/dynamic (see lazy-code-editor.tsx) so the session
// page's first scripts do not carry it.
import { useEffect, useMemo, useState } from "react";
import CodeMirror from "@uiw/react-codemirror";
import { EditorView } from "@codemirror/view";
import type { Extension } from "@codemirror/state";
import { useTheme } from "@/components/layout/theme-provider";
import { loadEditorLanguage, type EditorLanguage } from "./editor-languages";

export interface CodeEditorProps {
  value: string;
  onChange?: (value: string) => void;
  language: EditorLanguage;
  readOnly?: boolean;
  /** Ctrl/Cmd+Enter. */
  onRun?: () => void;
  /** Ctrl/Cmd+S. */
  onSave?: () => void;
  ariaLabel: string;
  minHeight?: string;
  maxHeight?: string;
  autoFocus?: boolean;
}

export default function CodeEditor({
  value,
  onChange,
  language,
  readOnly,
  onRun,
  onSave,
  ariaLabel,
  minHeight = "8rem",
  maxHeight,
  autoFocus,
}: CodeEditorProps) {
  const { resolved } = useTheme();
  const [langExt, setLangExt] = useState<{ lang: EditorLanguage; ext: Extension }>({ lang: null, ext: [] });
  useEffect(() => {
    let live = true;
    loadEditorLanguage(language).then((ext) => live && setLangExt({ lang: language, ext }));
    return () => {
      live = false;
    };
  }, [language]);

  const extensions = useMemo(
    () => [
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ "aria-label": ariaLabel }),
      langExt.lang === language ? langExt.ext : [],
    ],
    [ariaLabel, langExt, language],
  );

  // Shortcuts are caught on the wrapper in the capture phase, before CodeMirror's own keymap
  // (whose Mod-Enter inserts a blank line), so the handlers can change freely between renders.
  const onKeyDownCapture = (e: React.KeyboardEvent) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
    const handler = e.key === "Enter" ? onRun : e.key.toLowerCase() === "s" ? onSave : undefined;
    if (!handler) return;
    e.preventDefault();
    e.stopPropagation();
    handler();
  };

  return (
    <div onKeyDownCapture={onKeyDownCapture} className="min-w-0">
      <CodeMirror
        value={value}
        onChange={onChange}
        extensions={extensions}
        theme={resolved === "dark" ? "dark" : "light"}
        readOnly={readOnly}
        editable={!readOnly}
        autoFocus={autoFocus}
        minHeight={minHeight}
        maxHeight={maxHeight}
        basicSetup={{ foldGutter: false, highlightActiveLine: !readOnly, searchKeymap: true }}
        className="overflow-hidden rounded-md border border-input text-sm [&_.cm-editor.cm-focused]:outline-none [&_.cm-scroller]:font-mono"
        data-testid="code-editor"
      />
    </div>
  );
}
