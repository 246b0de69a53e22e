import { describe, expect, it } from "vitest";
import { rasterDataUrl, svgDataUrl, toResultModel } from "@/components/console/result-model";

describe("toResultModel", () => {
  it("prefers HTML over plain text (pandas DataFrame)", () => {
    const m = toResultModel({
      "text/plain": "   a\n0  1",
      "text/html": "<table><tr><td>1</td></tr></table>",
      isMainResult: true,
    });
    expect(m.view).toEqual({ kind: "html", html: "<table><tr><td>1</td></tr></table>" });
    expect(m.isMainResult).toBe(true);
    expect(m.plain).toBe("   a\n0  1");
  });

  it("shows a matplotlib PNG as a data URL and strips line breaks in base64", () => {
    const m = toResultModel({ "text/plain": "<Figure>", "image/png": "iVBORw0K\nGgo=" });
    expect(m.view).toEqual({ kind: "image", src: "data:image/png;base64,iVBORw0KGgo=", mime: "image/png" });
  });

  it("falls back to text when an image payload is not base64", () => {
    const m = toResultModel({ "text/plain": "fig", png: '"><script>' });
    expect(m.view).toEqual({ kind: "text", text: "fig" });
  });

  it("puts SVG in an image data URL, never inline markup", () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>';
    const m = toResultModel({ "image/svg+xml": svg });
    expect(m.view.kind).toBe("image");
    expect(m.view).toMatchObject({ src: svgDataUrl(svg) });
    expect(svgDataUrl(svg)).not.toContain("<");
  });

  it("reads short aliases, markdown, latex and JSON strings", () => {
    expect(toResultModel({ markdown: "# T" }).view).toEqual({ kind: "markdown", markdown: "# T" });
    expect(toResultModel({ latex: "$x^2$" }).view).toEqual({ kind: "latex", text: "$x^2$" });
    expect(toResultModel({ json: '{"a":[1,2]}' }).view).toEqual({ kind: "json", value: { a: [1, 2] } });
    expect(toResultModel({ "application/json": { b: true } }).view).toEqual({ kind: "json", value: { b: true } });
  });

  it("joins Jupyter's line arrays", () => {
    expect(toResultModel({ "text/plain": ["a\n", "b"] }).view).toEqual({ kind: "text", text: "a\nb" });
  });

  it("unwraps the streamed { mime, isMainResult } form", () => {
    const m = toResultModel({ mime: { "text/plain": "42" }, isMainResult: true });
    expect(m).toEqual({ view: { kind: "text", text: "42" }, isMainResult: true, plain: "42" });
  });

  it("shows an unknown bundle as JSON rather than nothing", () => {
    expect(toResultModel({ "application/x-thing": "?" }).view).toEqual({
      kind: "json",
      value: { "application/x-thing": "?" },
    });
  });

  it("rasterDataUrl refuses empty payloads", () => {
    expect(rasterDataUrl("image/png", "  ")).toBeNull();
  });
});
