import { ApartmentOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Button,
  Card,
  Col,
  Empty,
  Input,
  Row,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tree,
  Typography,
} from "antd";
import { useMemo, useState } from "react";
import { AgencyFormModal } from "../components/AgencyFormModal";
import { useAgency } from "../lib/agency";
import { useAuth } from "../lib/auth";
import { agencyKindLabels } from "../lib/labels";
import type { Agency, AgencyNode } from "../lib/types";
import { useServerList } from "../lib/useServerList";

interface TreeItem {
  key: string;
  title: string;
  children: TreeItem[];
}

const toTreeData = (nodes: AgencyNode[]): TreeItem[] =>
  nodes.map((n) => ({ key: n.id, title: n.name, children: toTreeData(n.children ?? []) }));

export default function AgenciesPage() {
  const { can } = useAuth();
  const agency = useAgency();
  const [parentId, setParentId] = useState<string | null>(null);
  const list = useServerList<Agency>("/agencies", { parentId }, { sort: "name", order: "asc" });
  const [editing, setEditing] = useState<Agency | null>(null);
  const [modalOpen, setModalOpen] = useState(false);
  const canCreate = can("agency.manage");

  const treeData = useMemo(() => toTreeData(agency.tree), [agency.tree]);
  const allKeys = useMemo(() => agency.all.map((a) => a.id), [agency.all]);

  const columns: TableColumnsType<Agency> = [
    {
      title: "机构名称",
      dataIndex: "name",
      key: "name",
      width: 260,
      sorter: true,
      sortOrder: list.sortOrder("name"),
      render: (name: string, a) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {a.shortName}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: "类型",
      dataIndex: "kind",
      key: "kind",
      width: 210,
      sorter: true,
      sortOrder: list.sortOrder("kind"),
      render: (k: Agency["kind"]) => <Tag>{agencyKindLabels[k] ?? k}</Tag>,
    },
    {
      title: "上级机构",
      dataIndex: "parentId",
      key: "parentId",
      width: 220,
      render: (id: string | null) => (id ? agency.nameOf(id) || "—" : "—"),
    },
    { title: "联系电话", dataIndex: "phone", key: "phone", width: 140, render: (v: string) => v || "—" },
    {
      title: "执法领域",
      dataIndex: "fields",
      key: "fields",
      render: (fields: string[]) =>
        fields.length ? (
          fields.map((f) => <Tag key={f}>{f}</Tag>)
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: "操作",
      key: "actions",
      width: 90,
      render: (_, a) =>
        can("agency.manage", a.id) || (a.parentId && can("agency.manage", a.parentId)) ? (
          <Button
            type="link"
            size="small"
            onClick={() => {
              setEditing(a);
              setModalOpen(true);
            }}
          >
            编辑
          </Button>
        ) : null,
    },
  ];

  const parentName = parentId ? agency.nameOf(parentId) : null;

  return (
    <Row gutter={16} wrap={false}>
      <Col flex="280px">
        <Card
          title={
            <Space>
              <ApartmentOutlined />
              机构树
            </Space>
          }
          extra={
            parentId ? (
              <Button type="link" size="small" onClick={() => setParentId(null)}>
                显示全部
              </Button>
            ) : null
          }
          styles={{ body: { padding: 12, maxHeight: "calc(100vh - 200px)", overflow: "auto" } }}
        >
          {treeData.length ? (
            <Tree<TreeItem>
              treeData={treeData}
              defaultExpandedKeys={allKeys}
              selectedKeys={parentId ? [parentId] : []}
              onSelect={(keys) => setParentId(keys.length ? String(keys[0]) : null)}
              blockNode
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无可见机构" />
          )}
        </Card>
      </Col>
      <Col flex="auto" style={{ minWidth: 0 }}>
        <Card
          title={parentName ? `「${parentName}」的下级机构` : "全部可见机构"}
          extra={
            <Space>
              <Input.Search
                placeholder="搜索名称、简称、信用代码"
                allowClear
                onSearch={list.setQ}
                style={{ width: 260 }}
              />
              {canCreate && (
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => {
                    setEditing(null);
                    setModalOpen(true);
                  }}
                >
                  新建机构
                </Button>
              )}
            </Space>
          }
        >
          <Table<Agency>
            rowKey="id"
            columns={columns}
            dataSource={list.items}
            loading={list.loading}
            pagination={list.pagination}
            onChange={list.onChange}
            size="middle"
          />
        </Card>
      </Col>
      <AgencyFormModal
        open={modalOpen}
        agency={editing}
        defaultParentId={parentId ?? agency.currentId}
        onClose={() => setModalOpen(false)}
        onSaved={() => {
          setModalOpen(false);
          list.reload();
          void agency.reloadTree();
        }}
      />
    </Row>
  );
}
