import { Card, Collapse, Input, List, Space, Table, Tag, Typography } from "antd";
import { type PublicBenchmark, yuan } from "../../lib/publicSite";
import { usePublicList } from "./usePublicList";

const band = (r: { above: number | null; upTo: number | null }, unit: string | null) =>
  r.above === null && r.upTo === null
    ? "—"
    : `${r.above === null ? "" : `超过 ${r.above}`}${r.above !== null && r.upTo !== null ? "，" : ""}${
        r.upTo === null ? "" : `不超过 ${r.upTo}`
      }${unit ?? ""}`;

/** 裁量基准 (C03, C13): published benchmarks, each tier with its conditions and fine ranges. */
export default function BenchmarksPage() {
  const list = usePublicList<PublicBenchmark>("/public/benchmarks");
  return (
    <Card title="行政处罚裁量基准">
      <Input.Search
        allowClear
        placeholder="违法行为或编码"
        onSearch={list.search}
        style={{ maxWidth: 320, marginBottom: 12 }}
      />
      <List
        {...list.listProps}
        renderItem={(b) => (
          <List.Item key={b.id} style={{ display: "block" }}>
            <Typography.Text strong>{b.violationName}</Typography.Text>
            <div style={{ color: "#666", fontSize: 13 }}>
              编码 {b.code} · {b.agencyName}
              {b.powerItemName && ` · 职权：${b.powerItemName}`}
            </div>
            <Collapse
              size="small"
              style={{ marginTop: 8 }}
              items={b.tiers.map((t, i) => ({
                key: String(i),
                label: (
                  <Space wrap>
                    <Tag color="blue">{t.levelName}</Tag>
                    {t.penalties.join("、")}
                  </Space>
                ),
                children: (
                  <>
                    <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>
                      情形：{t.conditions}
                    </Typography.Paragraph>
                    {t.harm.length > 0 && <div>危害后果：{t.harm.join("、")}</div>}
                    {t.ranges.length > 0 && (
                      <Table
                        size="small"
                        pagination={false}
                        rowKey={(_, n) => String(n)}
                        dataSource={t.ranges}
                        scroll={{ x: true }}
                        columns={[
                          { title: "当事人", dataIndex: "partyType" },
                          { title: b.quantityName ?? "计量", render: (_, r) => band(r, b.quantityUnit) },
                          { title: "罚款（元）", render: (_, r) => `${yuan(r.minFen)} – ${yuan(r.maxFen)}` },
                        ]}
                      />
                    )}
                  </>
                ),
              }))}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
