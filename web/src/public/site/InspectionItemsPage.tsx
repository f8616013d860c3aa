import { Card, Input, List } from "antd";
import type { InspectionItem } from "../../lib/publicSite";
import { usePublicList } from "./usePublicList";

/** 随机抽查事项清单 (C13): what is inspected at random, whom, how and how often. */
export default function InspectionItemsPage() {
  const list = usePublicList<InspectionItem>("/public/inspection-items");
  return (
    <Card title="随机抽查事项清单">
      <Input.Search
        allowClear
        placeholder="事项名称、领域或检查对象"
        onSearch={list.search}
        style={{ maxWidth: 320, marginBottom: 12 }}
      />
      <List
        {...list.listProps}
        locale={{ emptyText: "暂无公布的抽查事项" }}
        renderItem={(i) => (
          <List.Item key={i.itemId}>
            <List.Item.Meta
              title={i.name}
              description={
                <>
                  <div>
                    {i.agencyName} · {i.field}
                  </div>
                  <div>检查对象：{i.subject}</div>
                  <div>检查方式：{i.method}</div>
                  <div>抽查比例与频次：{i.frequency}</div>
                  <div>检查依据：{i.basis}</div>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
