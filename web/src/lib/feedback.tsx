import { App } from "antd";
import { useCallback } from "react";
import { ApiError, isAbort } from "./api";

/** Returns a function that shows a server (or any) error to the user in Chinese. */
export const useApiError = () => {
  const { message, notification } = App.useApp();
  return useCallback(
    (err: unknown) => {
      if (isAbort(err)) return;
      if (!(err instanceof ApiError)) {
        message.error(err instanceof Error && err.message ? err.message : "操作失败");
        return;
      }
      if (err.details.length === 0) {
        // Keyed by code so that parallel failures (e.g. an expired session) show one message.
        message.error({ key: err.code, content: err.message });
        return;
      }
      // Field paths are English API names, so only the (Chinese) messages are listed.
      const lines = [...new Set(err.details.map((d) => d.message))];
      notification.error({
        key: `${err.code}:${err.message}`,
        title: err.message,
        description: (
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ),
      });
    },
    [message, notification],
  );
};
