import { Alert, Card, Descriptions, Empty, List, Space, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { useAgency } from "../lib/agency";
import { api } from "../lib/api";
import { useAuth, useMe } from "../lib/auth";
import { type CaseDeadlineRow, lightColors, lightLabels } from "../lib/cases";
import { useApiError } from "../lib/feedback";
import { agencyKindLabels } from "../lib/labels";
import type { Paged } from "../lib/types";

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
  const { can } = useAuth();
  const readsCases = can("case.read");
  const leader = me.memberships.some((m) =>
    m.roles.some((r) => r === "squad_leader" || r === "agency_leader"),
  );

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
      {readsCases && <MyDeadlines leader={leader} />}
    </Space>
  );
}

/** 待办事项: the user's open case deadlines, nearest first; for leaders the overdue count in their scope. */
const MyDeadlines = ({ leader }: { leader: boolean }) => {
  const showError = useApiError();
  const [mine, setMine] = useState<Paged<CaseDeadlineRow> | null>(null);
  const [overdue, setOverdue] = useState<number | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    api
      .get<Paged<CaseDeadlineRow>>("/case-deadlines", { mine: true, pageSize: 10 }, { signal: ctrl.signal })
      .then(setMine)
      .catch(showError);
    if (leader)
      api
        .get<Paged<CaseDeadlineRow>>(
          "/case-deadlines",
          { light: "red", pageSize: 1 },
          { signal: ctrl.signal },
        )
        .then((r) => setOverdue(r.total))
        .catch(showError);
    return () => ctrl.abort();
  }, [leader, showError]);

  return (
    <Card
      title="待办事项：我的办案期限"
      extra={<Link to="/case-deadlines?mine=true">全部办案期限</Link>}
      loading={mine === null}
      data-testid="my-deadlines"
    >
      {leader && overdue !== null && (
        <Alert
          style={{ marginBottom: 16 }}
          type={overdue > 0 ? "warning" : "success"}
          showIcon
          title={
            overdue > 0 ? (
              <span>
                本机关及所监督机关有 <Link to="/case-deadlines?light=red">{overdue} 个超期的办案期限</Link>
              </span>
            ) : (
              "本机关及所监督机关没有超期的办案期限"
            )
          }
        />
      )}
      <List
        dataSource={mine?.items ?? []}
        locale={{ emptyText: <Empty description="暂无待办的办案期限" /> }}
        renderItem={(d) => (
          <List.Item
            extra={
              <Tag color={lightColors[d.light ?? ""] ?? "default"}>
                {d.dueOn} {d.light ? lightLabels[d.light] : ""}
              </Tag>
            }
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <Link to={`/cases/${d.caseId}`}>{d.number ?? "（未立案的线索）"}</Link>
                  <span>{d.partyName}</span>
                  <Tag>{d.stateName}</Tag>
                </Space>
              }
              description={`${d.label}（${d.ruleId}）· ${d.summary}`}
            />
          </List.Item>
        )}
      />
      {mine && mine.total > mine.items.length && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          共 {mine.total} 个期限，仅显示最近的 {mine.items.length} 个，
          <Link to="/case-deadlines?mine=true">查看全部</Link>
        </Typography.Paragraph>
      )}
    </Card>
  );
};
