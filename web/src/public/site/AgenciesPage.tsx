import { Card, Input, List, Select, Space, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { api } from "../../lib/api";
import { useApiError } from "../../lib/feedback";
import type { PublicAgency, PublicOfficer } from "../../lib/publicSite";
import { usePublicList } from "./usePublicList";

/** 执法主体与人员 (C13): the agencies, and officers with a valid certificate (number and fields). */
export default function AgenciesPage() {
  const [agencies, setAgencies] = useState<PublicAgency[]>([]);
  const [agencyId, setAgencyId] = useState<string>();
  const showError = useApiError();
  useEffect(() => {
    api.get<PublicAgency[]>("/public/agencies").then(setAgencies, showError);
  }, [showError]);
  const officers = usePublicList<PublicOfficer>("/public/officers", { agencyId });

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card title="执法主体">
        <List
          dataSource={agencies}
          renderItem={(a) => (
            <List.Item key={a.id} style={{ paddingLeft: a.depth * 16 }}>
              <List.Item.Meta
                title={
                  <Space wrap>
                    {a.name}
                    <Tag>{a.kindName}</Tag>
                  </Space>
                }
                description={
                  <>
                    {a.address && <div>地址：{a.address}</div>}
                    {a.phone && <div>电话：{a.phone}</div>}
                    {a.areas.length > 0 && <div>管辖区域：{a.areas.join("、")}</div>}
                    {a.fields.length > 0 && <div>执法领域：{a.fields.join("、")}</div>}
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      <Card title="执法人员（持有效执法证）">
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder="姓名或执法证号"
            onSearch={officers.search}
            style={{ width: 220 }}
          />
          <Select
            allowClear
            placeholder="全部机关"
            style={{ width: 240 }}
            value={agencyId}
            onChange={(v) => {
              setAgencyId(v);
              officers.setPage(1);
            }}
            options={agencies.map((a) => ({ value: a.id, label: a.name }))}
          />
        </Space>
        <List
          {...officers.listProps}
          renderItem={(o) => (
            <List.Item key={o.certificateNumber}>
              <List.Item.Meta
                title={o.name}
                description={
                  <>
                    <div>{o.agencyName}</div>
                    <div>
                      执法证号：<Typography.Text copyable>{o.certificateNumber}</Typography.Text>（有效期至{" "}
                      {o.expiresOn}）
                    </div>
                    <div>
                      执法领域：
                      {o.fields.map((f) => (
                        <Tag key={f}>{f}</Tag>
                      ))}
                    </div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
