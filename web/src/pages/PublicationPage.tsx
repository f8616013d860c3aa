import { App, Button, Card, Space, Table, Tag, Typography } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { Link } from "react-router-dom";
import { WithdrawalModal } from "../components/WithdrawalModal";
import { useAgency } from "../lib/agency";
import { api } from "../lib/api";
import { useAuth } from "../lib/auth";
import { lightColors } from "../lib/cases";
import { useApiError } from "../lib/feedback";
import type { Paged, PublicDecisionItem } from "../lib/publicSite";
import { InspectionItemsEditor } from "../public/site/InspectionItemsEditor";
import { InspectionResultsEditor } from "../public/site/InspectionResultsEditor";
import { ServiceGuidesEditor } from "../public/site/ServiceGuidesEditor";
import { pagedTableProps } from "../public/site/useStaffList";

type Unpublished = {
  caseId: string;
  caseNumber: string | null;
  partyName: string;
  summary: string;
  agencyId: string;
  agencyName: string;
  outcome: string;
  decidedOn: string;
  ruleId: string;
  dueOn: string | null;
  light: "green" | "yellow" | "red" | null;
};

const outcomeLabels: Record<string, string> = { penalty: "行政处罚", no_penalty: "不予行政处罚" };

/** Whole days from today to a YYYY-MM-DD date (negative: overdue). */
const daysLeft = (due: string) => {
  const today = new Date();
  const t = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  const [y, m, d] = due.split("-").map(Number) as [number, number, number];
  return Math.round((Date.UTC(y, m - 1, d) - t) / 86_400_000);
};

/**
 * 执法公示 (G3, G4, C13): decisions not yet published with their due date (red when overdue), a
 * 公示 button (the server masks personal data, G6), and the published decisions with 撤回.
 */
export default function PublicationPage() {
  const { can } = useAuth();
  const { tree, currentId } = useAgency();
  // Where the user may publish and withdraw: agencies where publicity.manage is held and those
  // below them (a squad's decision is published in its bureau's name). The server decides anyway.
  const manageable = useMemo(() => {
    const ids = new Set<string>();
    type Node = { id: string; children?: Node[] };
    const walk = (n: Node, inside: boolean) => {
      const here = inside || can("publicity.manage", n.id);
      if (here) ids.add(n.id);
      for (const c of n.children ?? []) walk(c, here);
    };
    for (const n of tree) walk(n, false);
    return ids;
  }, [tree, can]);
  const mayPublish = (agencyId: string) => manageable.has(agencyId);
  const { message } = App.useApp();
  const showError = useApiError();
  const [pending, setPending] = useState<Unpublished[]>();
  const [published, setPublished] = useState<Paged<PublicDecisionItem>>();
  const [page, setPage] = useState(1);
  const [busy, setBusy] = useState<string>();
  const [withdrawing, setWithdrawing] = useState<PublicDecisionItem>();

  const load = useCallback(async () => {
    try {
      const [p, d] = await Promise.all([
        api.get<Unpublished[]>("/publication-compliance"),
        api.get<Paged<PublicDecisionItem>>("/public/decisions", { page, pageSize: 10 }),
      ]);
      setPending(p);
      setPublished(d);
    } catch (e) {
      showError(e);
    }
  }, [page, showError]);
  useEffect(() => {
    void load();
  }, [load]);

  const publish = async (r: Unpublished) => {
    setBusy(r.caseId);
    try {
      await api.post(`/cases/${r.caseId}/publication`);
      message.success(`已公示：${r.caseNumber ?? r.summary}`);
      await load();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(undefined);
    }
  };

  const withdraw = async (reason: string) => {
    if (!withdrawing) return false;
    if (!reason) {
      message.warning("请填写撤回原因（将向社会公开）");
      return false;
    }
    try {
      await api.post(`/public-decisions/${withdrawing.id}/withdrawal`, { reason });
      message.success("已撤回，撤回原因已公开");
      setWithdrawing(undefined);
      await load();
      return true;
    } catch (e) {
      showError(e);
      return false;
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card title="待公示的决定（G3：行政处罚决定 7 个工作日内、其他决定 20 个工作日内公示）">
        <Table
          rowKey="caseId"
          size="small"
          loading={!pending}
          dataSource={pending ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: true }}
          rowClassName={(r) => (r.light === "red" ? "publication-overdue" : "")}
          columns={[
            {
              title: "案件",
              render: (_, r) => (
                <Link to={`/cases/${r.caseId}`}>{r.caseNumber ?? r.summary.slice(0, 20)}</Link>
              ),
            },
            { title: "机关", dataIndex: "agencyName" },
            { title: "当事人", dataIndex: "partyName" },
            { title: "决定", render: (_, r) => outcomeLabels[r.outcome] ?? r.outcome },
            { title: "决定日期", dataIndex: "decidedOn" },
            { title: "公示期限", render: (_, r) => r.dueOn ?? "日历未覆盖" },
            {
              title: "剩余",
              render: (_, r) => {
                if (!r.dueOn) return "—";
                const n = daysLeft(r.dueOn);
                return (
                  <Tag color={r.light ? lightColors[r.light] : undefined}>
                    {n < 0 ? `已超期 ${-n} 天` : n === 0 ? "今日到期" : `剩 ${n} 天`}
                  </Tag>
                );
              },
            },
            {
              title: "操作",
              render: (_, r) =>
                mayPublish(r.agencyId) ? (
                  <Button
                    size="small"
                    type="primary"
                    loading={busy === r.caseId}
                    onClick={() => void publish(r)}
                  >
                    公示
                  </Button>
                ) : null,
            },
          ]}
        />
        <style>{".publication-overdue td { background: #fff1f0 !important; color: #cf1322; }"}</style>
      </Card>
      <Card
        title="已公示的决定"
        extra={
          <a href="/public/decisions" target="_blank" rel="noreferrer">
            查看公示网站
          </a>
        }
      >
        <Table
          rowKey="id"
          {...pagedTableProps(published, page, setPage)}
          columns={[
            {
              title: "决定书",
              render: (_, d) => (
                <a href={`/public/decisions/${d.id}`} target="_blank" rel="noreferrer">
                  {d.caseNumber}
                </a>
              ),
            },
            { title: "机关", dataIndex: "agencyName" },
            { title: "当事人", dataIndex: "partyDisplay" },
            { title: "决定日期", dataIndex: "decidedOn" },
            { title: "公示时间", render: (_, d) => new Date(d.publishedAt).toLocaleString("zh-CN") },
            {
              title: "状态",
              render: (_, d) =>
                d.withdrawnAt ? (
                  <Typography.Text type="warning">已撤回：{d.withdrawalReason}</Typography.Text>
                ) : (
                  <Tag color="green">公示中</Tag>
                ),
            },
            {
              title: "操作",
              render: (_, d) =>
                mayPublish(d.agencyId) && !d.withdrawnAt ? (
                  <Button size="small" danger onClick={() => setWithdrawing(d)}>
                    撤回
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      {currentId && can("power.manage", currentId) && <InspectionItemsEditor agencyId={currentId} />}
      {currentId && mayPublish(currentId) && <InspectionResultsEditor agencyId={currentId} />}
      {currentId && mayPublish(currentId) && <ServiceGuidesEditor agencyId={currentId} />}
      <WithdrawalModal
        open={!!withdrawing}
        title={`撤回公示：${withdrawing?.caseNumber ?? ""}`}
        note="决定被变更、撤销、确认违法或确认无效的，应当撤回公示并公开说明理由（G4）。撤回原因将显示在公示网站上。"
        onWithdraw={withdraw}
        onCancel={() => setWithdrawing(undefined)}
      />
    </Space>
  );
}
