import { Card, Input, List, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { powerFieldOptions, powerKindLabels } from "../../lib/powers";
import type { PublicPower } from "../../lib/publicSite";
import { usePublicList } from "./usePublicList";

/** 权责清单 (C02, C13): the published power items with their legal basis. */
export default function PowersPage() {
  const [kind, setKind] = useState<string>();
  const [field, setField] = useState<string>();
  const list = usePublicList<PublicPower>("/public/powers", { kind, field });
  return (
    <Card title="权责清单">
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder="事项名称、编码或依据"
          onSearch={list.search}
          style={{ width: 240 }}
        />
        <Select
          allowClear
          placeholder="全部类别"
          style={{ width: 140 }}
          onChange={(v) => {
            setKind(v);
            list.setPage(1);
          }}
          options={Object.entries(powerKindLabels).map(([value, label]) => ({ value, label }))}
        />
        <Select
          allowClear
          placeholder="全部领域"
          style={{ width: 160 }}
          onChange={(v) => {
            setField(v);
            list.setPage(1);
          }}
          options={powerFieldOptions.map((f) => ({ value: f, label: f }))}
        />
      </Space>
      <List
        {...list.listProps}
        renderItem={(p) => (
          <List.Item key={p.id}>
            <List.Item.Meta
              title={
                <Space wrap>
                  {p.name}
                  <Tag color="blue">{p.kindName}</Tag>
                  {p.status !== "active" && <Tag>{p.status === "suspended" ? "暂停" : "取消"}</Tag>}
                </Space>
              }
              description={
                <>
                  <div>
                    编码 {p.code} · {p.field} · {p.agencyName}
                  </div>
                  {p.basisText && (
                    <Typography.Paragraph ellipsis={{ rows: 3, expandable: true }} style={{ margin: 0 }}>
                      依据：{p.basisText}
                    </Typography.Paragraph>
                  )}
                  {p.transferredFrom && <div>划转自：{p.transferredFrom}</div>}
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
