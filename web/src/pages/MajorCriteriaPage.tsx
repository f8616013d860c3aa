import { PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { AgencySelect } from "../components/AgencySelect";
import { MajorCriterionModal } from "../components/MajorCriterionModal";
import { WithdrawalModal } from "../components/WithdrawalModal";
import { useAgency } from "../lib/agency";
import { api } from "../lib/api";
import { useAuth } from "../lib/auth";
import { useApiError } from "../lib/feedback";
import { criteriaSummary, type MajorCriterion } from "../lib/reviews";

/**
 * 重大执法决定目录 (L1): the criteria in force for an agency, its own and those set by the agencies
 * above (shown, not editable here). The agency's legal office adds, changes and removes its own,
 * each with a reason (review.manage; the server decides).
 */
export default function MajorCriteriaPage() {
  const agency = useAgency();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();
  const [picked, setPicked] = useState<string>();
  const agencyId = picked ?? agency.currentId;
  const manage = agencyId ? can("review.manage", agencyId) : false;
  const [items, setItems] = useState<MajorCriterion[]>([]);
  const [loading, setLoading] = useState(false);
  const [editing, setEditing] = useState<MajorCriterion | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [removing, setRemoving] = useState<MajorCriterion | null>(null);

  const load = useCallback(async () => {
    if (!agencyId) return;
    setLoading(true);
    try {
      setItems((await api.get<{ items: MajorCriterion[] }>("/major-decision-criteria", { agencyId })).items);
    } catch (err) {
      setItems([]);
      showError(err);
    } finally {
      setLoading(false);
    }
  }, [agencyId, showError]);

  useEffect(() => {
    void load();
  }, [load]);

  const openForm = (c: MajorCriterion | null) => {
    setEditing(c);
    setFormOpen(true);
  };

  const remove = async (reason: string) => {
    if (!removing || !agencyId) return false;
    try {
      await api.post(`/major-decision-criteria/${removing.criterionId}/remove`, { agencyId, reason });
      message.success(`已移出「${removing.name}」`);
      setRemoving(null);
      void load();
      return true;
    } catch (err) {
      showError(err);
      return false;
    }
  };

  const columns: TableColumnsType<MajorCriterion> = [
    { title: "名称", dataIndex: "name", width: 220 },
    { title: "条件", key: "criteria", render: (_, r) => criteriaSummary(r.criteria) },
    {
      title: "要求",
      key: "needs",
      width: 170,
      render: (_, r) => (
        <Space size={4}>
          {r.needsReview && <Tag color="blue">法制审核</Tag>}
          {r.needsDiscussion && <Tag color="purple">集体讨论</Tag>}
        </Space>
      ),
    },
    {
      title: "来源",
      dataIndex: "inherited",
      width: 110,
      render: (v: boolean, r) =>
        v ? (
          <Tooltip title={agency.nameOf(r.agencyId) || undefined}>
            <Tag>上级机关</Tag>
          </Tooltip>
        ) : (
          <Tag color="green">本机关</Tag>
        ),
    },
    { title: "理由", dataIndex: "reason", ellipsis: { showTitle: true } },
    {
      title: "操作",
      key: "actions",
      width: 130,
      render: (_, r) =>
        manage && !r.inherited ? (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => openForm(r)}>
              修改
            </Button>
            <Button type="link" size="small" danger onClick={() => setRemoving(r)}>
              移出
            </Button>
          </Space>
        ) : null,
    },
  ];

  return (
    <Card
      title="重大执法决定目录"
      extra={
        manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => openForm(null)}>
            新增条件
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <AgencySelect
          agencies={agency.options}
          value={agencyId ?? undefined}
          onChange={setPicked}
          style={{ width: 280 }}
          aria-label="机关"
        />
        <Typography.Text type="secondary">
          决定符合任一条件的，须经法制审核或集体讨论（L1）；上级机关设定的条件在此只读。
        </Typography.Text>
      </Space>
      <Table<MajorCriterion>
        rowKey="criterionId"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={loading}
        pagination={false}
      />
      {agencyId && (
        <MajorCriterionModal
          open={formOpen}
          agencyId={agencyId}
          editing={editing}
          onClose={() => setFormOpen(false)}
          onSaved={() => {
            setFormOpen(false);
            void load();
          }}
        />
      )}
      <WithdrawalModal
        open={Boolean(removing)}
        title={removing ? `移出目录条件：${removing.name}` : "移出目录条件"}
        note="移出后，新的处罚决定不再按此条件判断是否须法制审核或集体讨论；移出的理由记入全过程记录。"
        okText="移出"
        placeholder="移出理由（必填）"
        onWithdraw={remove}
        onCancel={() => setRemoving(null)}
      />
    </Card>
  );
}
