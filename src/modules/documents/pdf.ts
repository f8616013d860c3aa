import { createRequire } from "node:module";
import pdfmake from "pdfmake";
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces.js";
import { evidenceKinds } from "../evidence/evidence.ts";
import { type CaseDocument, documentBody } from "./case-documents.ts";
import { type CaseFile, chineseDate, officersOf } from "./case-file.ts";

/**
 * PDF rendering (pdfmake 0.3) with an embedded CJK font (Noto Sans SC from @embedpdf/fonts-sc).
 * The definitions are pure functions of the case file; the output is deterministic: the PDF dates
 * are the step's time, never "now", so the same case gives the same bytes.
 */
const fontDir = createRequire(import.meta.url)
  .resolve("@embedpdf/fonts-sc")
  .replace(/dist\/index\.cjs$/, "fonts/");

let fontsReady = false;
function ensureFonts() {
  if (fontsReady) return;
  const regular = `${fontDir}NotoSansHans-Regular.otf`;
  const bold = `${fontDir}NotoSansHans-Bold.otf`;
  pdfmake.addFonts({ NotoSansSC: { normal: regular, bold, italics: regular, bolditalics: bold } });
  // Documents embed no remote or other local resources (case text never becomes a path or URL).
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((p) => p.startsWith(fontDir));
  fontsReady = true;
}

export async function renderPdf(def: TDocumentDefinitions): Promise<Buffer> {
  ensureFonts();
  return Buffer.from(await pdfmake.createPdf(def).getBuffer());
}

const pageFooter = (currentPage: number, pageCount: number): Content => ({
  text: `第 ${currentPage} 页 共 ${pageCount} 页`,
  alignment: "center",
  fontSize: 9,
  margin: [0, 10, 0, 0],
});

const base = (title: string, at: Date): Omit<TDocumentDefinitions, "content"> => ({
  pageSize: "A4",
  pageMargins: [56, 56, 56, 56],
  info: { title, creator: "Guifan", producer: "Guifan", creationDate: at, modDate: at },
  defaultStyle: { font: "NotoSansSC", fontSize: 11, lineHeight: 1.35 },
  footer: pageFooter,
});

/** The content of one document (in a PDF of its own, or as a part of the dossier). */
export function documentContent(f: CaseFile, d: CaseDocument, opts: { tocItem?: boolean } = {}): Content[] {
  const body = documentBody(f, d);
  const out: Content[] = [
    { text: f.issuer.name, alignment: "center", fontSize: 15, bold: true, margin: [0, 0, 0, 4] },
    {
      text: d.title,
      alignment: "center",
      fontSize: 20,
      bold: true,
      margin: [0, 0, 0, 6],
      ...(opts.tocItem ? { tocItem: true } : {}),
    },
    { text: d.number, alignment: "right", fontSize: 10, margin: [0, 0, 0, 10] },
  ];
  if (body.rows.length)
    out.push({
      table: {
        widths: [120, "*"],
        body: body.rows.map(([k, v]) => [{ text: k, bold: true }, { text: v || " " }]),
      },
      margin: [0, 0, 0, 10],
    });
  for (const s of body.sections) {
    out.push({ text: s.heading, bold: true, margin: [0, 6, 0, 2] });
    out.push({ text: s.text || " ", margin: [0, 0, 0, 4] });
  }
  if (body.reasons) {
    out.push({ text: "说理", bold: true, margin: [0, 6, 0, 2] });
    out.push({ text: body.reasons, margin: [0, 0, 0, 4] });
  }
  if (body.sign === "seal") {
    out.push({
      stack: [f.issuer.name, `（印章：${f.issuer.sealName}）`, chineseDate(d.onDate)],
      alignment: "right",
      margin: [0, 24, 0, 0],
    });
  } else {
    out.push({
      stack: [
        `执法人员（签名）：${officersOf(f, d.seq).join("、")}`,
        "当事人或者被询问（检查）人（签名）：",
        chineseDate(d.onDate),
      ],
      margin: [0, 24, 0, 0],
    });
  }
  return out;
}

/** One document as a PDF of its own. */
export function documentDefinition(f: CaseFile, d: CaseDocument): TDocumentDefinitions {
  return { ...base(`${d.title} ${d.number}`, d.at), content: documentContent(f, d) };
}

export const evidenceListTitle = "证据清单";

/** The case's evidence files (C9): file name, kind, captured at, SHA-256. */
function evidenceContent(f: CaseFile): Content[] {
  const rows = f.evidence.map((v, i) => [
    String(i + 1),
    v.fileName,
    evidenceKinds[v.kind as keyof typeof evidenceKinds] ?? v.kind,
    (v.capturedAt ?? v.uploadedAt).toISOString().replace("T", " ").slice(0, 19),
    { text: v.sha256, fontSize: 7 },
  ]);
  return [
    { text: f.issuer.name, alignment: "center", fontSize: 15, bold: true, margin: [0, 0, 0, 4] },
    {
      text: evidenceListTitle,
      alignment: "center",
      fontSize: 20,
      bold: true,
      margin: [0, 0, 0, 10],
      tocItem: true,
    },
    rows.length
      ? {
          table: {
            headerRows: 1,
            widths: [20, 110, 50, 80, "*"],
            body: [
              ["序号", "文件名", "类别", "采集时间（UTC）", "SHA-256"].map((t) => ({ text: t, bold: true })),
              ...rows,
            ],
          },
          fontSize: 9,
        }
      : { text: "本案无上传的证据文件。" },
  ];
}

/**
 * The electronic dossier (卷宗): a cover, the index (目录) with page numbers, then every document
 * in the standard order and the evidence list; "第 x 页 共 y 页" on every page.
 */
export function dossierDefinition(
  f: CaseFile,
  ordered: CaseDocument[],
  evidenceAfter: number,
): TDocumentDefinitions {
  const ev = (name: string) => f.events.find((e) => e.event === name)?.onDate;
  const last = f.events[f.events.length - 1];
  const at = last?.at ?? new Date(0);
  const cover: Content[] = [
    { text: f.issuer.name, alignment: "center", fontSize: 18, bold: true, margin: [0, 80, 0, 20] },
    { text: "行政处罚案件卷宗", alignment: "center", fontSize: 28, bold: true, margin: [0, 0, 0, 40] },
    {
      table: {
        widths: [110, "*"],
        body: (
          [
            ["案件名称", `${f.case.partyName}${f.case.summary}案`],
            ["案号", f.case.number ?? ""],
            ["当事人", f.case.partyName],
            ["案由", f.case.field],
            ["立案日期", chineseDate(ev("file") ?? "")],
            ["处理结果", ordered.find((d) => d.def.dossier === "决定书")?.title ?? ""],
            ["结案日期", chineseDate(ev("close") ?? "")],
            ["归档日期", chineseDate(ev("archive") ?? "")],
            ["办案人员", (f.everOfficers ?? f.officers).join("、")],
          ] as [string, string][]
        )
          .map(([k, v]): Content[] => [{ text: k, bold: true }, { text: v || " " }])
          .concat([
            [
              { text: "本卷页数", bold: true },
              { text: [{ text: "共 " }, { pageReference: "dossier-end" }, { text: " 页" }] },
            ],
          ]),
      },
    },
  ];
  const parts: Content[] = [];
  ordered.forEach((d, i) => {
    if (i === evidenceAfter) parts.push({ stack: evidenceContent(f), pageBreak: "before" });
    parts.push({ stack: documentContent(f, d, { tocItem: true }), pageBreak: "before" });
  });
  if (evidenceAfter >= ordered.length) parts.push({ stack: evidenceContent(f), pageBreak: "before" });
  return {
    ...base(`卷宗 ${f.case.number ?? f.case.id}`, at),
    content: [
      ...cover,
      {
        toc: {
          title: {
            text: "卷内文书目录",
            alignment: "center",
            fontSize: 18,
            bold: true,
            margin: [0, 0, 0, 12],
          },
        },
        pageBreak: "before",
      },
      ...parts,
      { text: "（本卷完）", alignment: "center", margin: [0, 20, 0, 0], id: "dossier-end" },
    ],
  };
}
