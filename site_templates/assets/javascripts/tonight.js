/* The "Tonight" / "Next group" box on the home page and the schedule.
 *
 * The dates of the whole cycle are in the page (a JSON script element written by
 * partials/tonight.md.j2), so this works on a static site and offline from a folder:
 * nothing is fetched. "Today" is the reader's own clock and calendar day.
 */
(function () {
  "use strict";

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function isoDay(moment) {
    return moment.getFullYear() + "-" + pad(moment.getMonth() + 1) + "-" + pad(moment.getDate());
  }

  function dayLabel(iso) {
    var parts = iso.split("-");
    var moment = new Date(Number(parts[0]), Number(parts[1]) - 1, Number(parts[2]));
    var lang = document.documentElement.lang || undefined;
    try {
      return moment.toLocaleDateString(lang, { weekday: "long", month: "long", day: "numeric" });
    } catch (e) {
      return iso;
    }
  }

  function link(text, address) {
    var a = document.createElement("a");
    a.href = address;
    a.textContent = text;
    return a;
  }

  function item(meeting) {
    var li = document.createElement("li");
    li.appendChild(document.createTextNode(meeting.start + "–" + meeting.end + " "));
    if (meeting.plan) {
      var title = document.createElement("strong");
      title.appendChild(link(meeting.title, meeting.plan));
      li.appendChild(title);
      li.appendChild(document.createTextNode(" (" + meeting.module + ") · "));
      li.appendChild(link("Handout", meeting.handout));
    } else {
      li.appendChild(document.createTextNode(meeting.title));
    }
    return li;
  }

  /* What the box says now: a heading and the meetings it lists. */
  function choose(meetings, now) {
    var today = isoDay(now);
    var clock = pad(now.getHours()) + ":" + pad(now.getMinutes());
    var closedToday = meetings.filter(function (m) { return m.date === today && m.kind === "closed"; });
    var open = meetings.filter(function (m) { return m.kind !== "closed"; });
    var left = open.filter(function (m) { return m.date === today && m.end > clock; });
    if (left.length) {
      return { heading: left[0].start >= "17:00" ? "Tonight" : "Today", meetings: left };
    }
    var next = open.filter(function (m) { return m.date > today; });
    var note = closedToday.length ? closedToday[0].title + " today. " : "";
    if (next.length) {
      var day = next[0].date;
      return {
        heading: note + "Next group: " + dayLabel(day),
        meetings: next.filter(function (m) { return m.date === day; })
      };
    }
    if (open.length) {
      return { heading: "This cycle's last group was on " + dayLabel(open[open.length - 1].date), meetings: [] };
    }
    return null;
  }

  function show() {
    var box = document.getElementById("tonight");
    var data = document.getElementById("tonight-dates");
    if (!box || !data || box.getAttribute("data-shown")) {
      return;
    }
    var said = choose(JSON.parse(data.textContent || "[]"), new Date());
    if (!said) {
      return;
    }
    var title = box.querySelector(".admonition-title");
    title.textContent = said.heading;
    if (said.meetings.length) {
      var list = document.createElement("ul");
      said.meetings.forEach(function (m) { list.appendChild(item(m)); });
      box.appendChild(list);
    }
    box.setAttribute("data-shown", "yes");
    box.hidden = false;
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(show);  /* Material's page-load signal, also with instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", show);
  } else {
    show();
  }
})();
