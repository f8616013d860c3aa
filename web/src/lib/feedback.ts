import { App } from "antd";
import { createElement, useCallback } from "react";
import { ApiError, isAbort } from "./api";

/** Returns a function that shows a server (or any) error to the user in Chinese. */
export const useApiError = () => {
  const { message, notification } = App.useApp();
  return useCallback(
    (err: unknown) => {
      if (isAbort(err)) return;
      if (err instanceof ApiError) {
        if (err.details.length > 0) {
          notification.error({
            key: `${err.code}:${err.message}`,
            title: err.message,
            description: createElement(
              "ul",
              { style: { margin: 0, paddingLeft: 18 } },
              err.details.map((d, i) =>
                createElement(
                  "li",
                  { key: `${d.path ?? ""}-${i}` },
                  d.path ? `${d.path}：${d.message}` : d.message,
                ),
              ),
            ),
          });
        } else {
          message.error({ key: err.code, content: err.message });
        }
        return;
      }
      message.error(err instanceof Error && err.message ? err.message : "操作失败");
    },
    [message, notification],
  );
};
