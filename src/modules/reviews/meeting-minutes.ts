import type { Content } from "pdfmake/interfaces.js";
import type { AppContext } from "../../context.ts";
import { renderPdf } from "../documents/pdf.ts";
import type { Principal } from "../identity/principal.ts";
import { getMeeting } from "./list-meetings.ts";

/** P9: the minutes of a collective discussion (集体讨论记录) as a PDF, from the stored record only. */
export async function meetingMinutes(ctx: AppContext, actor: Principal, id: string) {
  const m = await getMeeting(ctx, actor, id);
  const content: Content[] = [
    { text: m.agencyName, alignment: "center", fontSize: 14, bold: true },
    {
      text: "重大执法决定集体讨论记录",
      alignment: "center",
      fontSize: 16,
      bold: true,
      margin: [0, 4, 0, 12],
    },
    { text: `时间：${m.heldOn}    地点：${m.place}` },
    { text: `主持人：${m.chairName}` },
    {
      text: `应到班子成员 ${m.memberCount} 人；出席人员：${m.attendees.map((a) => `${a.name}（${a.role}）`).join("、")}`,
    },
  ];
  m.discussions.forEach((d, i) => {
    content.push(
      {
        text: `议题${i + 1}：${d.caseNumber ?? ""} ${d.partyName} ${d.summary}`,
        bold: true,
        margin: [0, 12, 0, 4],
      },
      ...d.opinions.map((o): Content => ({ text: `${o.name}：${o.opinion}`, margin: [12, 0, 0, 2] })),
      {
        text: `讨论结论：${d.conclusion}（${d.approved ? "同意拟作出的决定" : "不同意拟作出的决定"}）`,
        margin: [0, 4, 0, 0],
      },
    );
  });
  content.push({ text: "出席人员签名：", margin: [0, 24, 0, 0] });
  const pdf = await renderPdf({
    pageSize: "A4",
    pageMargins: [56, 56, 56, 56],
    info: {
      title: `集体讨论记录 ${m.heldOn}`,
      creator: "Guifan",
      producer: "Guifan",
      creationDate: m.at,
      modDate: m.at,
    },
    defaultStyle: { font: "NotoSansSC", fontSize: 11, lineHeight: 1.35 },
    content,
  });
  return { pdf, fileName: `集体讨论记录-${m.heldOn}.pdf` };
}
