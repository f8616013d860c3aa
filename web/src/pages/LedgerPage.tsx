import { ReloadOutlined, SafetyCertificateOutlined } from "@ant-design/icons";
import {
  App,
  Button,
  Card,
  Input,
  Result,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { CaseTimelineView } from "../components/CaseTimelineView";
import { CheckpointInfo } from "../components/CheckpointInfo";
import { VerifySummary, VerifyTag } from "../components/VerifyStatus";
import { useAgency } from "../lib/agency";
import { api } from "../lib/api";
import { useAuth } from "../lib/auth";
import { useApiError } from "../lib/feedback";
import {
  type Checkpoint,
  checkCheckpointState,
  type EventTypeOption,
  fetchLatestCheckpoint,
  isUuid,
  type LedgerEntryRow,
  type VerifyState,
  verifyListedEntry,
} from "../lib/ledger";
import { useServerList } from "../lib/useServerList";

/** 全过程记录: the current agency's record, its signed checkpoint, and 核验 in the browser. */
export default function LedgerPage() {
  const [params, setParams] = useSearchParams();
  const caseId = params.get("case");
  const openCase = useCallback((id: string) => setParams({ case: id }), [setParams]);
  if (caseId) return <CaseTimelineView caseId={caseId} onBack={() => setParams({})} />;
  return <LedgerEntries onOpenCase={openCase} />;
}

const LedgerEntries = ({ onOpenCase }: { onOpenCase: (caseId: string) => void }) => {
  const { currentId, current } = useAgency();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();
  const allowed = !!currentId && can("ledger.read", currentId);

  const [eventTypes, setEventTypes] = useState<EventTypeOption[]>([]);
  const [eventType, setEventType] = useState<string | undefined>(undefined);
  const [caseFilter, setCaseFilter] = useState<string | undefined>(undefined);
  const list = useServerList<LedgerEntryRow>(allowed ? "/ledger/entries" : null, {
    agencyId: currentId,
    eventType,
    caseId: caseFilter,
  });

  const [checkpoint, setCheckpoint] = useState<Checkpoint | null | undefined>(undefined);
  const [signature, setSignature] = useState<VerifyState | undefined>(undefined);
  const [states, setStates] = useState<Record<number, VerifyState>>({});
  const [summary, setSummary] = useState<VerifyState[] | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!allowed) return;
    api.get<EventTypeOption[]>("/ledger/event-types").then(setEventTypes).catch(showError);
  }, [allowed, showError]);

  const loadCheckpoint = useCallback(async () => {
    if (!currentId || !allowed) return null;
    const cp = await fetchLatestCheckpoint(currentId);
    setCheckpoint(cp);
    return cp;
  }, [currentId, allowed]);

  useEffect(() => {
    setCheckpoint(undefined);
    setSignature(undefined);
    loadCheckpoint().catch(showError);
  }, [loadCheckpoint, showError]);

  // Results belong to the rows they were computed for: a new page or filter starts afresh.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset whenever the rows change
  useEffect(() => {
    setStates({});
    setSummary(undefined);
  }, [list.items]);

  const labels = useMemo(() => new Map(eventTypes.map((t) => [t.type, t.label])), [eventTypes]);

  /** 核验: fetch the latest checkpoint afresh, check it, then each row's inclusion proof. */
  const verify = useCallback(
    async (rows: LedgerEntryRow[], whole: boolean) => {
      if (!currentId || rows.length === 0) return;
      setBusy(true);
      setStates((s) => ({ ...s, ...Object.fromEntries(rows.map((r) => [r.id, { state: "checking" }])) }));
      if (whole) setSummary(rows.map(() => ({ state: "checking" })));
      try {
        const cp = await loadCheckpoint();
        const checked = await checkCheckpointState(cp ?? null, currentId);
        setSignature(checked.ok ? { state: "ok" } : checked.state);
        const results: Record<number, VerifyState> = {};
        for (const r of rows)
          results[r.id] = checked.ok
            ? await verifyListedEntry(r, currentId, checked.checkpoint)
            : checked.state;
        setStates((s) => ({ ...s, ...results }));
        if (whole) setSummary(Object.values(results));
      } catch (err) {
        showError(err);
        setStates((s) => {
          const next = { ...s };
          for (const r of rows) delete next[r.id];
          return next;
        });
        if (whole) setSummary(undefined);
      } finally {
        setBusy(false);
      }
    },
    [currentId, loadCheckpoint, showError],
  );

  const columns: TableColumnsType<LedgerEntryRow> = [
    {
      title: "序号",
      dataIndex: "seq",
      key: "seq",
      width: 90,
      render: (v: number | null) =>
        v === null ? <Typography.Text type="secondary">待编号</Typography.Text> : v,
    },
    {
      title: "时间",
      dataIndex: "at",
      key: "at",
      width: 170,
      render: (v: string) => dayjs(v).format("YYYY-MM-DD HH:mm:ss"),
    },
    {
      title: "事件",
      dataIndex: "eventType",
      key: "eventType",
      width: 130,
      render: (v: string) => (
        <Tag color="blue" title={v}>
          {labels.get(v) ?? v}
        </Tag>
      ),
    },
    {
      title: "操作人",
      dataIndex: "actorName",
      key: "actorName",
      width: 110,
      render: (v: string | null) => v ?? "系统",
    },
    {
      title: "案件编号",
      dataIndex: "caseId",
      key: "caseId",
      width: 140,
      render: (v: string | null) =>
        v ? (
          <Typography.Link onClick={() => onOpenCase(v)} title={`查看案件时间线：${v}`}>
            {v.slice(0, 8)}…
          </Typography.Link>
        ) : (
          "—"
        ),
    },
    {
      title: "内容",
      dataIndex: "payload",
      key: "payload",
      ellipsis: true,
      render: (v: string) => (
        <Typography.Text code title={v}>
          {v}
        </Typography.Text>
      ),
    },
    {
      title: "核验",
      key: "verify",
      width: 260,
      render: (_: unknown, row) => (
        <Space wrap size={4}>
          <Button
            size="small"
            onClick={() => void verify([row], false)}
            disabled={busy}
            data-testid={`verify-row-${row.id}`}
          >
            核验
          </Button>
          <VerifyTag value={states[row.id]} />
        </Space>
      ),
    },
  ];

  if (!currentId) return <Result status="info" title="请先在页面顶部选择机构" />;
  if (!allowed)
    return (
      <Result
        status="403"
        title="无权查看"
        subTitle={`您在 ${current?.name ?? "该机构"} 没有查看全过程记录的权限。`}
      />
    );

  const searchCase = (value: string) => {
    const id = value.trim();
    if (!id) return;
    if (!isUuid(id)) {
      message.warning("案件编号格式不正确（应为 UUID）");
      return;
    }
    onOpenCase(id);
  };

  const filterCase = (value: string) => {
    const id = value.trim();
    if (id && !isUuid(id)) {
      message.warning("案件编号格式不正确（应为 UUID）");
      return;
    }
    setCaseFilter(id || undefined);
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Card
        title={`全过程记录 · ${current?.name ?? ""}`}
        extra={
          <Input.Search
            placeholder="输入案件编号，查看案件时间线"
            enterButton="查看时间线"
            allowClear
            onSearch={searchCase}
            style={{ width: 420 }}
            data-testid="case-search"
          />
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          每条记录写入后由系统编号，并定期以本机关的 Ed25519
          密钥签发检查点。“核验”在浏览器中重算记录的哈希、核对包含证明并验证检查点签名，不依赖服务器的结论。
        </Typography.Paragraph>
        <CheckpointInfo checkpoint={checkpoint} signature={signature} />
      </Card>
      <Card
        title="记录列表"
        extra={
          <Space wrap>
            <Select
              placeholder="事件类型"
              allowClear
              style={{ width: 180 }}
              value={eventType}
              onChange={(v: string | undefined) => setEventType(v)}
              options={eventTypes.map((t) => ({ value: t.type, label: t.label }))}
              data-testid="event-type-filter"
            />
            <Input.Search
              placeholder="按案件编号筛选"
              allowClear
              onSearch={filterCase}
              style={{ width: 300 }}
            />
            <Button
              icon={<ReloadOutlined />}
              onClick={() => {
                list.reload();
                loadCheckpoint().catch(showError);
              }}
            >
              刷新
            </Button>
            <Button
              type="primary"
              icon={<SafetyCertificateOutlined />}
              loading={busy}
              onClick={() => void verify(list.items, true)}
              data-testid="verify-page"
            >
              核验本页
            </Button>
          </Space>
        }
      >
        <div style={{ marginBottom: 12 }}>
          <VerifySummary states={summary} what="本页" />
        </div>
        <Table<LedgerEntryRow>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          pagination={list.pagination}
          onChange={list.onChange}
          size="middle"
        />
      </Card>
    </Space>
  );
};
