import crypto from "node:crypto";
import fs from "node:fs";
import { test, expect } from "./support/fixtures";
import { SLOW, openConsole } from "./console-helpers";
import { isStrict } from "./support/project";

const sha = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");

test.describe("console: files", () => {
  test.setTimeout(120_000);

  test("upload then download keeps every byte (SHA-256 before and after); AGB refuses a binary upload up front, writing nothing", async ({
    page,
    newSession,
    runCommand,
  }) => {
    const s = await newSession();
    const panel = await openConsole(page, s.sessionId, "Files");
    const row = (name: string) => panel.locator(`[data-testid="file-row"][data-path="/home/user/${name}"]`);
    const downloaded = async (name: string) => {
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        row(name)
          .getByRole("link", { name: `Download ${name}` })
          .click(),
      ]);
      return fs.readFileSync((await download.path())!);
    };
    // Every byte value, including NUL and invalid UTF-8, plus random bytes.
    const bytes = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), crypto.randomBytes(70_000)]);
    // Text that a lossy path would change: a byte-order mark, CRLF, multi-byte characters.
    const text = Buffer.from("\uFEFFsecond file\r\nzwei: äöü — ✓ 😀 中文\n".repeat(3_000));
    await expect(panel.getByTestId("upload-drop-zone")).toBeVisible();
    if (isStrict()) {
      // Said before the user tries anything.
      await expect(panel.getByTestId("file-limits")).toContainText("Uploads must be UTF-8 text files");
      await expect(panel.getByTestId("file-limits")).toContainText("no sizes or dates");
      await expect(panel.getByTestId("file-limits")).toContainText("only when empty");
    } else await expect(panel.getByTestId("file-limits")).toHaveCount(0);

    await panel.getByTestId("upload-input").setInputFiles([
      { name: "blob.bin", mimeType: "application/octet-stream", buffer: bytes },
      { name: "second.txt", mimeType: "text/plain", buffer: text },
    ]);
    if (isStrict()) {
      await expect(page.getByText(/Nothing was uploaded: blob\.bin is not UTF-8 text/)).toBeVisible(SLOW);
      await expect(row("second.txt")).toHaveCount(0);
      await expect(row("blob.bin")).toHaveCount(0);
      await panel
        .getByTestId("upload-input")
        .setInputFiles([{ name: "second.txt", mimeType: "text/plain", buffer: text }]);
      // A binary file made inside the session downloads exactly too.
      const made = await runCommand(
        s.sessionId,
        "head -c 70000 /dev/urandom > /home/user/blob.bin && sha256sum /home/user/blob.bin",
      );
      const inSession = ((await made.json()) as { stdout: string }).stdout.split(" ")[0];
      await panel.getByRole("button", { name: "Refresh" }).click();
      await expect(row("blob.bin")).toBeVisible(SLOW);
      expect(sha(await downloaded("blob.bin"))).toBe(inSession);
    } else {
      await expect(row("blob.bin")).toBeVisible(SLOW);
      const got = await downloaded("blob.bin");
      expect(got.length).toBe(bytes.length);
      expect(sha(got)).toBe(sha(bytes));
    }
    await expect(row("second.txt")).toBeVisible(SLOW);
    expect(sha(await downloaded("second.txt"))).toBe(sha(text));

    await row("blob.bin").getByRole("button", { name: "blob.bin", exact: true }).click();
    await expect(panel.getByTestId("binary-file")).toContainText("binary file");
    await expect(panel.getByTestId("binary-file").getByRole("link", { name: "Download" })).toBeVisible();
  });

  test("creates, edits and saves a text file, then sees it from a cat command; a change on disk is caught before overwriting", async ({
    page,
    newSession,
  }) => {
    const s = await newSession();
    const panel = await openConsole(page, s.sessionId, "Files");

    await panel.getByRole("button", { name: "New file" }).click();
    const dialog = page.getByRole("dialog", { name: "New file" });
    await dialog.getByLabel("File name").fill("notes.txt");
    await dialog.getByRole("button", { name: "Create" }).click();
    const viewer = panel.getByTestId("file-viewer");
    await expect(viewer).toHaveAttribute("data-mode", "edit", SLOW);
    const editor = viewer.locator(".cm-content");
    await expect(editor).toBeVisible(SLOW);
    await editor.fill("hello from the editor\nline two");
    await expect(viewer.getByTestId("dirty-marker")).toBeVisible();
    await editor.press("Control+s");
    await expect(viewer.getByTestId("dirty-marker")).toHaveCount(0, SLOW);

    await panel.getByRole("tab", { name: "Commands" }).click();
    await panel.getByRole("textbox", { name: "Command", exact: true }).fill("cat /home/user/notes.txt");
    await panel.getByRole("textbox", { name: "Command", exact: true }).press("Enter");
    await expect(panel.getByTestId("command-result").first().locator('[data-stream="stdout"]')).toHaveText(
      "hello from the editor\nline two",
      SLOW,
    );

    // Someone else changes the file; saving now asks instead of silently overwriting.
    await panel
      .getByRole("textbox", { name: "Command", exact: true })
      .fill("echo changed-elsewhere > /home/user/notes.txt");
    await panel.getByRole("textbox", { name: "Command", exact: true }).press("Enter");
    await expect(panel.getByTestId("command-result")).toHaveCount(2, SLOW);
    await panel.getByRole("tab", { name: "Files" }).click();
    await editor.fill("my version");
    await viewer.getByRole("button", { name: "Save" }).click();
    const conflict = page.getByRole("alertdialog", { name: "The file changed on disk" });
    await expect(conflict).toBeVisible(SLOW);
    await conflict.getByRole("button", { name: "Reload from disk" }).click();
    await expect(editor).toHaveText("changed-elsewhere", SLOW);
    await expect(viewer.getByTestId("dirty-marker")).toHaveCount(0);
  });

  test("makes a folder, renames, searches by name, switches to /tmp and deletes with confirmation", async ({
    page,
    newSession,
  }) => {
    const s = await newSession();
    const panel = await openConsole(page, s.sessionId, "Files");

    await panel.getByRole("button", { name: "New folder" }).click();
    await page.getByRole("dialog", { name: "New folder" }).getByLabel("Folder name").fill("reports");
    await page.getByRole("dialog", { name: "New folder" }).getByRole("button", { name: "Create" }).click();
    const folder = panel.locator('[data-testid="file-row"][data-path="/home/user/reports"]');
    await expect(folder).toBeVisible(SLOW);
    await folder.getByRole("button", { name: "reports", exact: true }).click();
    await expect(panel.getByRole("navigation", { name: "Folder path" })).toContainText("reports");

    await panel
      .getByTestId("upload-input")
      .setInputFiles([{ name: "q1-summary.txt", mimeType: "text/plain", buffer: Buffer.from("q1") }]);
    const file = panel.locator('[data-testid="file-row"][data-path="/home/user/reports/q1-summary.txt"]');
    await expect(file).toBeVisible(SLOW);
    await file.getByRole("button", { name: "Rename or move q1-summary.txt" }).click();
    const move = page.getByRole("dialog", { name: /Rename or move/ });
    await move.getByLabel("New path").fill("/home/user/reports/q1-final.txt");
    await move.getByRole("button", { name: "Move" }).click();
    await expect(panel.locator('[data-testid="file-row"][data-path="/home/user/reports/q1-final.txt"]')).toBeVisible(
      SLOW,
    );
    await expect(file).toHaveCount(0);

    await panel.getByRole("navigation", { name: "Folder path" }).getByRole("button", { name: "/home/user" }).click();
    await panel.getByLabel("Search files by name").fill("final");
    await expect(panel.getByTestId("file-search-results")).toContainText("/home/user/reports/q1-final.txt", SLOW);
    await panel.getByLabel("Search files by name").fill("");

    await panel.getByRole("radio", { name: "/tmp" }).click();
    await expect(panel.getByRole("navigation", { name: "Folder path" })).toContainText("/tmp");
    await panel.getByRole("radio", { name: "Home" }).click();

    await folder.getByRole("button", { name: "Delete reports" }).click();
    const confirm = page.getByRole("alertdialog", { name: "Delete reports?" });
    if (isStrict()) {
      // AGB deletes empty folders only: the dialog says so, and a full one stays, with the reason.
      await expect(confirm).toContainText("if it is empty");
      await confirm.getByRole("button", { name: "Delete" }).click();
      await expect(page.getByText(/deletes only empty folders/)).toBeVisible(SLOW);
      await expect(folder).toBeVisible();
      await page.keyboard.press("Escape");
      await folder.getByRole("button", { name: "Expand reports" }).click();
      await panel
        .locator('[data-testid="file-row"][data-path="/home/user/reports/q1-final.txt"]')
        .getByRole("button", { name: "Delete q1-final.txt" })
        .click();
      await page
        .getByRole("alertdialog", { name: "Delete q1-final.txt?" })
        .getByRole("button", { name: "Delete" })
        .click();
      await expect(panel.locator('[data-testid="file-row"][data-path="/home/user/reports/q1-final.txt"]')).toHaveCount(
        0,
        SLOW,
      );
      await folder.getByRole("button", { name: "Delete reports" }).click();
      await page.getByRole("alertdialog", { name: "Delete reports?" }).getByRole("button", { name: "Delete" }).click();
    } else {
      await expect(confirm).toContainText("with everything in it");
      await confirm.getByRole("button", { name: "Delete" }).click();
    }
    await expect(folder).toHaveCount(0, SLOW);
  });

  test("a named pipe is listed as one, with nothing to open or download; where AGB cannot tell, opening it says what it is", async ({
    page,
    newSession,
    runCommand,
  }) => {
    const s = await newSession();
    const made = await runCommand(s.sessionId, "mkfifo /home/user/jobs.pipe");
    expect(made.status()).toBe(200);
    const panel = await openConsole(page, s.sessionId, "Files");
    const row = panel.locator('[data-testid="file-row"][data-path="/home/user/jobs.pipe"]');
    await expect(row).toBeVisible(SLOW);
    const name = row.getByRole("button", { name: "jobs.pipe", exact: true });
    if (isStrict()) {
      // AGB's list_directory says only [FILE] or [DIR].
      await expect(row).toHaveAttribute("data-kind", "file");
      await name.click();
      await expect(panel.getByText(/jobs\.pipe is not a regular file \(a named pipe, socket or device\)/)).toBeVisible(
        SLOW,
      );
    } else {
      await expect(row).toHaveAttribute("data-kind", "special");
      await expect(row).toContainText("named pipe");
      await expect(name).toBeDisabled();
      await expect(row.getByRole("link", { name: "Download jobs.pipe" })).toHaveCount(0);
    }
  });
});
