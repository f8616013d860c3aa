import { Card, List, Segmented, Space, Spin, Tag, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { api } from "../../lib/api";
import { useApiError } from "../../lib/feedback";
import type { PublicProcedure } from "../../lib/publicSite";
import { type ChartOption, EChart } from "./EChart";

const procedures = [
  { value: "general", label: "一般程序" },
  { value: "simple", label: "简易程序" },
  { value: "three_step", label: "三步式执法" },
];

/** States a case can leave the main line for at many steps: drawn in their own column. */
const sideStates = new Set(["cancelled"]);

/**
 * Layers from the first state (breadth first, ignoring the side states): a top-down chart that fits
 * a phone screen, each layer centred, the side states in a column on the right.
 */
function layout(p: PublicProcedure) {
  const depth = new Map<string, number>();
  const first = p.nodes[0]?.id;
  if (first) depth.set(first, 0);
  const queue = first ? [first] : [];
  while (queue.length) {
    const at = queue.shift()!;
    for (const e of p.edges)
      if (e.from === at && !sideStates.has(e.to) && !depth.has(e.to)) {
        depth.set(e.to, depth.get(at)! + 1);
        queue.push(e.to);
      }
  }
  const deepest = Math.max(0, ...depth.values());
  const main = p.nodes.filter((n) => !sideStates.has(n.id));
  for (const n of main) if (!depth.has(n.id)) depth.set(n.id, deepest + 1);
  const perLayer = new Map<number, string[]>();
  for (const n of main) perLayer.set(depth.get(n.id)!, [...(perLayer.get(depth.get(n.id)!) ?? []), n.id]);
  const widest = Math.max(1, ...[...perLayer.values()].map((l) => l.length));
  return p.nodes.map((n) => {
    if (sideStates.has(n.id)) return { ...n, x: (widest / 2 + 0.5) * 110, y: (deepest / 2) * 70, side: true };
    const d = depth.get(n.id)!;
    const layer = perLayer.get(d)!;
    const i = layer.indexOf(n.id);
    return { ...n, x: (i - (layer.length - 1) / 2) * 110, y: d * 70, side: false };
  });
}

/** 执法流程 (C13): the procedure's flow chart drawn from the transition table the server enforces. */
export default function ProceduresPage() {
  const [procedure, setProcedure] = useState("general");
  const [data, setData] = useState<PublicProcedure>();
  const showError = useApiError();
  useEffect(() => {
    setData(undefined);
    api.get<PublicProcedure>(`/public/procedures/${procedure}`).then(setData, showError);
  }, [procedure, showError]);

  const option = useMemo((): ChartOption | undefined => {
    if (!data) return undefined;
    const nodes = layout(data);
    return {
      tooltip: {
        formatter: (p: { data: { tip?: string; name?: string } }) => p.data.tip ?? p.data.name ?? "",
      },
      series: [
        {
          type: "graph",
          layout: "none",
          symbol: "roundRect",
          left: 56,
          right: 56,
          top: 24,
          bottom: 24,
          roam: false,
          symbolSize: [92, 28],
          label: { show: true, fontSize: 11 },
          edgeSymbol: ["none", "arrow"],
          edgeSymbolSize: 8,
          edgeLabel: { show: false },
          lineStyle: { color: "#94a3b8", curveness: 0.15 },
          itemStyle: { color: "#dbeafe", borderColor: "#1d4ed8" },
          data: nodes.map((n) => ({
            id: n.id,
            name: n.name,
            x: n.x,
            y: n.y,
            label: { color: n.side ? "#6b7280" : "#1e3a8a" },
            itemStyle: n.side ? { color: "#f3f4f6", borderColor: "#9ca3af" } : undefined,
          })),
          links: data.edges.map((e) => ({
            source: e.from,
            target: e.to,
            lineStyle: sideStates.has(e.to) ? { opacity: 0.25, type: "dashed" } : undefined,
            tip: `${e.label}${e.guards.length ? `（规则 ${e.guards.join("、")}）` : ""}`,
          })),
        },
      ],
    } as ChartOption;
  }, [data]);

  // One unit of the layout is one pixel: the chart scrolls sideways on a narrow phone.
  const box = useMemo(() => {
    if (!data) return { width: 320, height: 320 };
    const nodes = layout(data);
    const xs = nodes.map((n) => n.x);
    const ys = nodes.map((n) => n.y);
    return {
      width: Math.max(...xs) - Math.min(...xs) + 92 + 112,
      height: Math.max(...ys) - Math.min(...ys) + 28 + 48,
    };
  }, [data]);
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card title="执法流程">
        <Segmented options={procedures} value={procedure} onChange={(v) => setProcedure(String(v))} block />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          流程图由系统实际执行的办案流转表生成：每个环节只能由规定的人员在规定的状态下办理，并由系统校验相应的法律规则。灰色虚线指向“已销案”。轻触连线可查看环节名称与规则编号，图较宽时可左右滑动。
        </Typography.Paragraph>
        {option ? (
          <div style={{ overflowX: "auto" }}>
            <EChart option={option} width={box.width} height={box.height} testId="procedure-chart" />
          </div>
        ) : (
          <Spin />
        )}
      </Card>
      {data && (
        <Card title={`${data.name}各环节`}>
          <List
            dataSource={data.edges}
            renderItem={(e) => (
              <List.Item key={`${e.from}-${e.event}`}>
                <List.Item.Meta
                  title={
                    <Space wrap>
                      {e.label}
                      <Typography.Text type="secondary">
                        {data.nodes.find((n) => n.id === e.from)?.name} →{" "}
                        {data.nodes.find((n) => n.id === e.to)?.name}
                      </Typography.Text>
                    </Space>
                  }
                  description={
                    <>
                      <div>办理：{e.roles.join("、")}</div>
                      {e.guards.length > 0 && (
                        <div>
                          校验规则：
                          {e.guards.map((g) => (
                            <Tag key={g}>{g}</Tag>
                          ))}
                        </div>
                      )}
                      {e.opens.length > 0 && <div>起算期限：{e.opens.join("、")}</div>}
                      {e.documents.length > 0 && <div>文书：{e.documents.join("、")}</div>}
                    </>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}
