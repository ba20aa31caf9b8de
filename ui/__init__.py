"""The pieces the pages share: the frame and session, navigation, the ballot, results, the map and
measure panels, the presenter's screen. May import streamlit and workshop/, never a page."""
