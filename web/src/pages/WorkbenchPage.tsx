import { Card, Descriptions, Empty, Space, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useAgency } from "../lib/agency";
import { useAuth, useMe } from "../lib/auth";
import { agencyKindLabels } from "../lib/labels";

const greeting = () => {
  const h = dayjs().hour();
  if (h < 6) return "夜深了";
  if (h < 12) return "上午好";
  if (h < 18) return "下午好";
  return "晚上好";
};

export default function WorkbenchPage() {
  const me = useMe();
  const { roleName } = useAuth();
  const { current } = useAgency();
  const roles = me.memberships.find((m) => m.agencyId === current?.id)?.roles ?? [];

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }} data-testid="workbench">
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {greeting()}，{me.user.displayName}
        </Typography.Title>
        <Descriptions column={1} size="small">
          <Descriptions.Item label="当前机构">
            {current ? (
              <Space>
                {current.name}
                <Tag>{agencyKindLabels[current.kind] ?? current.kind}</Tag>
              </Space>
            ) : (
              "—"
            )}
          </Descriptions.Item>
          <Descriptions.Item label="本机构角色">
            {roles.length > 0 ? (
              roles.map((r) => (
                <Tag color="blue" key={r}>
                  {roleName(r)}
                </Tag>
              ))
            ) : (
              <Typography.Text type="secondary">在当前机构无直接任职（通过上级机关监督访问）</Typography.Text>
            )}
          </Descriptions.Item>
          <Descriptions.Item label="今天">{dayjs().format("YYYY年M月D日 dddd")}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="待办事项">
        <Empty description="暂无待办事项" />
      </Card>
    </Space>
  );
}
